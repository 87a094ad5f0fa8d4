import type { KubeObj } from "../formats/kube-object.ts";
import type { CompareOp, InvariantRule, KindSelector } from "../formats/invariant-record.ts";
import { canonicalOwnerKind } from "./builtins.ts";
import { fieldAt, numeric } from "./field-path.ts";
import type { Invariant, ObjectRef, TerminalView, Violation } from "./types.ts";

/**
 * Declarative invariants (formats/invariant-record.ts) compiled to the `Invariant` interface: the judge cannot
 * tell a compiled rule from a hand-written check. Pure: a rule reads the terminal view only.
 */

type Entry = TerminalView["objects"][number];

const show = (r: ObjectRef) => `${r.kind} ${r.namespace ? `${r.namespace}/` : ""}${r.name}`;
const json = (v: unknown) => (v === undefined ? "absent" : JSON.stringify(v));

function selected(view: TerminalView, s: KindSelector): Entry[] {
  return view.objects.filter(
    (o) =>
      o.ref.kind === s.kind &&
      (s.namespace === undefined || o.ref.namespace === s.namespace) &&
      Object.entries(s.labels ?? {}).every(([k, v]) => o.object.metadata?.labels?.[k] === v),
  );
}

/** Does `child` name `owner` as its controller (kind, name, namespace and, when both carry one, UID)? */
function controls(owner: Entry, child: Entry): boolean {
  const ref = (child.object.metadata?.ownerReferences ?? []).find((r) => r.controller === true);
  if (!ref || canonicalOwnerKind(ref.apiVersion, ref.kind) !== owner.ref.kind) return false;
  if (ref.name !== owner.ref.name) return false;
  if (owner.ref.namespace !== "" && owner.ref.namespace !== child.ref.namespace) return false;
  return !ref.uid || !owner.object.metadata?.uid || ref.uid === owner.object.metadata.uid;
}

const childrenOf = (view: TerminalView, owner: Entry, kind: string) =>
  view.objects.filter((o) => o.ref.kind === kind && controls(owner, o));

/** `==` on equal JSON or equal numbers; `<=`/`>=` on numbers (numeric strings count). */
export function compare(left: unknown, op: CompareOp, right: unknown): boolean {
  const l = numeric(left);
  const r = numeric(right);
  if (l !== undefined && r !== undefined) return op === "==" ? l === r : op === "<=" ? l <= r : l >= r;
  return op === "==" && left !== undefined && JSON.stringify(left) === JSON.stringify(right);
}

function conditionStatus(o: KubeObj, type: string): string | undefined {
  const conds = (o.status as { conditions?: Array<{ type?: string; status?: string }> } | undefined)
    ?.conditions;
  return Array.isArray(conds) ? conds.find((c) => c?.type === type)?.status : undefined;
}

type Check = (view: TerminalView) => Violation[];

const CHECKS: { [R in InvariantRule["rule"]]: (rule: Extract<InvariantRule, { rule: R }>) => Check } = {
  "exists-iff-owner-exists": (rule) => (view) => {
    const owners = selected(view, rule.owner);
    const missing = owners
      .filter((o) => childrenOf(view, o, rule.child).length === 0)
      .map((o) => ({ message: `${show(o.ref)} controls no ${rule.child}`, objects: [o.ref] }));
    const ownerless = view.objects
      .filter((c) => c.ref.kind === rule.child)
      .filter((c) => {
        const ref = (c.object.metadata?.ownerReferences ?? []).find((r) => r.controller === true);
        return ref && canonicalOwnerKind(ref.apiVersion, ref.kind) === rule.owner.kind;
      })
      .filter((c) => !view.objects.some((o) => o.ref.kind === rule.owner.kind && controls(o, c)))
      .map((c) => ({ message: `${show(c.ref)} outlives its ${rule.owner.kind} owner`, objects: [c.ref] }));
    return [...missing, ...ownerless];
  },
  "field-compare": (rule) => (view) =>
    selected(view, rule.select).flatMap((o) => {
      const right = fieldAt(o.object, rule.right);
      if (right === undefined) return []; // nothing to compare against: the rule does not apply
      const left = fieldAt(o.object, rule.left);
      return compare(left, rule.op, right)
        ? []
        : [
            {
              message: `${show(o.ref)}: ${rule.left} (${json(left)}) ${rule.op} ${rule.right} (${json(right)}) does not hold`,
              objects: [o.ref],
            },
          ];
    }),
  "field-equals": (rule) => (view) => {
    const targets = view.objects.filter((o) => o.ref.kind === rule.equals.kind);
    if (targets.length !== 1) return []; // "the" object of that kind: undefined when there is none or several
    const target = targets[0] as Entry;
    const want = fieldAt(target.object, rule.equals.path);
    return selected(view, rule.select).flatMap((o) => {
      const got = fieldAt(o.object, rule.path);
      return compare(got, "==", want)
        ? []
        : [
            {
              message: `${show(o.ref)}: ${rule.path} is ${json(got)}, ${show(target.ref)} ${rule.equals.path} is ${json(want)}`,
              objects: [o.ref, target.ref],
            },
          ];
    });
  },
  "child-count": (rule) => (view) =>
    selected(view, rule.owner).flatMap((o) => {
      const bound = fieldAt(o.object, rule.path);
      if (bound === undefined) return [];
      const children = childrenOf(view, o, rule.child);
      return compare(children.length, rule.op, bound)
        ? []
        : [
            {
              message: `${show(o.ref)} controls ${children.length} ${rule.child}, not ${rule.op} ${rule.path} (${json(bound)})`,
              objects: [o.ref, ...children.map((c) => c.ref)],
            },
          ];
    }),
  "condition-aggregate": (rule) => (view) =>
    selected(view, rule.owner).flatMap((o) => {
      const children = childrenOf(view, o, rule.child);
      if (children.length === 0) return [];
      const failing = children.filter((c) => conditionStatus(c.object, rule.childCondition) !== "True");
      const want = failing.length === 0 ? "True" : "False";
      const got = conditionStatus(o.object, rule.condition);
      if (got === want) return [];
      const why =
        failing.length === 0
          ? `every ${rule.child} has ${rule.childCondition}=True`
          : `${failing.map((c) => c.ref.name).join(", ")} ${failing.length === 1 ? "has" : "have"} ${rule.childCondition}≠True`;
      return [
        {
          message: `${show(o.ref)} reports ${rule.condition}=${got ?? "absent"} while ${why}`,
          objects: [o.ref, ...failing.map((c) => c.ref)],
        },
      ];
    }),
  "no-deletion-timestamp": (rule) => (view) =>
    selected(view, rule.select)
      .filter((o) => typeof o.object.metadata?.deletionTimestamp === "string")
      .map((o) => ({ message: `${show(o.ref)} is still terminating`, objects: [o.ref] })),
};

/** One declarative rule as an `Invariant` (name and description from the record). */
export function compileInvariant(def: {
  name: string;
  description?: string;
  rule: InvariantRule;
}): Invariant {
  const check = (CHECKS[def.rule.rule] as (r: InvariantRule) => Check)(def.rule);
  return { name: def.name, ...(def.description ? { description: def.description } : {}), check };
}

/** A one-line statement of a rule, for names, lists and reports. */
export function describeRule(rule: InvariantRule): string {
  const sel = (s: KindSelector) =>
    `${s.kind}${s.namespace ? ` in ${s.namespace}` : ""}${
      s.labels
        ? ` labelled ${Object.entries(s.labels)
            .map(([k, v]) => `${k}=${v}`)
            .join(",")}`
        : ""
    }`;
  switch (rule.rule) {
    case "exists-iff-owner-exists":
      return `every ${sel(rule.owner)} controls at least one ${rule.child}, and no ${rule.child} outlives its ${rule.owner.kind}`;
    case "field-compare":
      return `${sel(rule.select)}: ${rule.left} ${rule.op} ${rule.right}`;
    case "field-equals":
      return `${sel(rule.select)}: ${rule.path} equals ${rule.equals.kind} ${rule.equals.path}`;
    case "child-count":
      return `${sel(rule.owner)}: number of controlled ${rule.child} ${rule.op} ${rule.path}`;
    case "condition-aggregate":
      return `${sel(rule.owner)}: ${rule.condition}=True exactly when every controlled ${rule.child} has ${rule.childCondition}=True`;
    case "no-deletion-timestamp":
      return `no ${sel(rule.select)} stuck terminating at convergence`;
  }
}
