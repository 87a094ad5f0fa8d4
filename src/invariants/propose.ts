import type { InvariantRule } from "../formats/invariant-record.ts";
import { canonicalOwnerKind } from "./builtins.ts";
import { compare, compileInvariant, describeRule } from "./declarative.ts";
import { fieldAt, formatPath, numeric } from "./field-path.ts";
import type { TerminalView } from "./types.ts";

/**
 * Offline invariant proposals: relations that hold in every converged reference terminal state, found by generic
 * heuristics over object structure (controller ownerReferences, spec/status fields, conditions, singletons). No
 * heuristic names a kind: a rule is proposed because the data shows it, and a person decides whether it is a
 * property of the system or an accident of the scenario.
 */

export interface Proposal {
  name: string;
  rule: InvariantRule;
  heuristic: string;
  rationale: string;
}

type Entry = TerminalView["objects"][number];
type Leaf = { path: string; value: unknown };

const MAX_PER_HEURISTIC = 8;
/** Propagated values: a kind with many copied fields would crowd out the others. */
const MAX_PER_KIND = 2;
/** A bound rather than a mirror: Kubernetes names caps `limits`, `max…`. */
const isBound = (path: string) => /(^|\.)(limits?|max[A-Za-z]*)(\.|\[|$)/i.test(path);
const CONDITION_WORDS = new Set(["True", "False", "Unknown"]);

function controllerOf(o: Entry): { kind: string; name: string } | undefined {
  const r = (o.object.metadata?.ownerReferences ?? []).find((x) => x.controller === true);
  return r ? { kind: canonicalOwnerKind(r.apiVersion, r.kind), name: r.name } : undefined;
}

const childrenIn = (view: TerminalView, owner: Entry, kind: string) =>
  view.objects.filter((c) => {
    const r = controllerOf(c);
    return c.ref.kind === kind && r?.kind === owner.ref.kind && r.name === owner.ref.name;
  });

/** Scalar leaves under a root field (spec/status), as paths; arrays of scalars count as one leaf each item. */
function leaves(v: unknown, prefix: Array<string | number>): Leaf[] {
  if (v === null || v === undefined) return [];
  if (Array.isArray(v)) return v.flatMap((x, i) => leaves(x, [...prefix, i]));
  if (typeof v === "object")
    return Object.keys(v as object)
      .sort()
      .flatMap((k) => leaves((v as Record<string, unknown>)[k], [...prefix, k]));
  return [{ path: formatPath(prefix), value: v }];
}

/** The last segment when it is a named field (not an array index): "nodes" of status.resources.nodes. */
const lastKey = (path: string) => /(?:^|\.)([A-Za-z_$][\w$-]*)$/.exec(path)?.[1];
/** Type metadata is copied everywhere and says nothing about the system. */
const isTypeMeta = (path: string) => /(^|\.)(apiVersion|kind)$/.test(path);

const kindsOf = (views: readonly TerminalView[]) =>
  [...new Set(views.flatMap((v) => v.objects.map((o) => o.ref.kind)))].sort();
const ofKind = (views: readonly TerminalView[], kind: string) =>
  views.flatMap((v) => v.objects.filter((o) => o.ref.kind === kind).map((o) => ({ view: v, o })));

/** Owner kind → child kinds, from controller ownerReferences in the views and the surface map's `owns`. */
function ownership(
  views: readonly TerminalView[],
  owns: ReadonlyArray<[string, string]>,
): Array<[string, string]> {
  const pairs = new Set(owns.map(([a, b]) => `${a}\u0000${b}`));
  for (const v of views)
    for (const o of v.objects) {
      const r = controllerOf(o);
      if (r) pairs.add(`${r.kind}\u0000${o.ref.kind}`);
    }
  return [...pairs].sort().map((p) => p.split("\u0000") as [string, string]);
}

function ownerHasChild(views: readonly TerminalView[], pairs: Array<[string, string]>): InvariantRule[] {
  return pairs
    .filter(([owner, child]) => {
      const owners = ofKind(views, owner);
      return owners.length > 0 && owners.every(({ view, o }) => childrenIn(view, o, child).length > 0);
    })
    .map(([owner, child]) => ({ rule: "exists-iff-owner-exists", owner: { kind: owner }, child }));
}

/** status.x mirrors (or stays within) spec.…x: same leaf name, equal value in every object of the kind. */
function statusMirrorsSpec(views: readonly TerminalView[]): InvariantRule[] {
  const out: InvariantRule[] = [];
  for (const kind of kindsOf(views)) {
    const objs = ofKind(views, kind);
    const first = objs[0]?.o.object;
    if (!first) continue;
    const spec = leaves(first.spec, ["spec"]);
    for (const s of leaves(first.status, ["status"])) {
      const last = lastKey(s.path);
      if (last === undefined) continue;
      for (const p of spec.filter((x) => lastKey(x.path) === last)) {
        const holds = objs.every(({ o }) => {
          const l = fieldAt(o.object, s.path);
          return l !== undefined && compare(l, "==", fieldAt(o.object, p.path));
        });
        if (holds)
          out.push({
            rule: "field-compare",
            select: { kind },
            left: s.path,
            op: isBound(p.path) ? "<=" : "==",
            right: p.path,
          });
      }
    }
  }
  return out;
}

/** The number of controlled children equals a numeric spec field of every owner (a desired count or a cap). */
function childCount(views: readonly TerminalView[], pairs: Array<[string, string]>): InvariantRule[] {
  const out: InvariantRule[] = [];
  for (const [owner, child] of pairs) {
    const owners = ofKind(views, owner);
    const first = owners[0]?.o.object;
    if (!first) continue;
    for (const leaf of leaves(first.spec, ["spec"]).filter((l) => numeric(l.value) !== undefined)) {
      const holds = owners.every(
        ({ view, o }) => numeric(fieldAt(o.object, leaf.path)) === childrenIn(view, o, child).length,
      );
      if (holds)
        out.push({
          rule: "child-count",
          owner: { kind: owner },
          child,
          op: isBound(leaf.path) ? "<=" : "==",
          path: leaf.path,
        });
    }
  }
  return out;
}

function conditionTypes(o: Entry): Map<string, string> {
  const conds = (o.object.status as { conditions?: Array<{ type?: string; status?: string }> } | undefined)
    ?.conditions;
  return new Map(
    (Array.isArray(conds) ? conds : []).flatMap((c) =>
      typeof c?.type === "string" && typeof c.status === "string" ? [[c.type, c.status] as const] : [],
    ),
  );
}

/** An owner condition that is True exactly when all children's condition is — seen with mixed children. */
function conditionAggregate(views: readonly TerminalView[], pairs: Array<[string, string]>): InvariantRule[] {
  const out: InvariantRule[] = [];
  for (const [owner, child] of pairs) {
    const groups = ofKind(views, owner).map(({ view, o }) => ({
      owner: conditionTypes(o),
      children: childrenIn(view, o, child).map(conditionTypes),
    }));
    const ownerTypes = [...new Set(groups.flatMap((g) => [...g.owner.keys()]))].sort();
    const childTypes = [...new Set(groups.flatMap((g) => g.children.flatMap((c) => [...c.keys()])))].sort();
    for (const t of ownerTypes)
      for (const u of childTypes) {
        const judged = groups.filter((g) => g.children.length > 0);
        const holds = judged.every(
          (g) => g.owner.get(t) === (g.children.every((c) => c.get(u) === "True") ? "True" : "False"),
        );
        // All-True children make any owner condition look aggregated; a mix shows the owner follows them.
        const mixed = judged.some((g) => new Set(g.children.map((c) => c.get(u) === "True")).size > 1);
        if (judged.length > 0 && holds && mixed)
          out.push({
            rule: "condition-aggregate",
            owner: { kind: owner },
            condition: t,
            child,
            childCondition: u,
          });
      }
  }
  return out;
}

/** Candidate sources of a propagated value: the name, then the spec leaves, of the one object of a kind. */
function sources(views: readonly TerminalView[], kind: string): Array<{ kind: string; path: string }> {
  const target = ofKind(views, kind)[0]?.o.object;
  const spec = leaves(target?.spec, ["spec"]).filter((l) => !isTypeMeta(l.path));
  return ["metadata.name", ...spec.map((l) => l.path)].map((path) => ({ kind, path }));
}

/**
 * A spec field of every object of a kind carries the value of a field of the one object of another kind (a
 * value the controllers propagate). Controlled objects first: what a controller renders is what can go wrong.
 */
function propagatedValues(views: readonly TerminalView[]): InvariantRule[] {
  const singletons = kindsOf(views).filter((k) =>
    views.every((v) => v.objects.filter((o) => o.ref.kind === k).length === 1),
  );
  const controlled = (k: string) => ofKind(views, k).every(({ o }) => controllerOf(o) !== undefined);
  const kinds = kindsOf(views).sort((a, b) => Number(controlled(b)) - Number(controlled(a)));
  const out: InvariantRule[] = [];
  const seen = new Set<string>();
  for (const kind of kinds) {
    const first = ofKind(views, kind)[0]?.o.object;
    let taken = 0;
    for (const leaf of leaves(first?.spec, ["spec"])) {
      if (taken >= MAX_PER_KIND) break;
      if (typeof leaf.value !== "string" || leaf.value.length < 3 || CONDITION_WORDS.has(leaf.value))
        continue;
      if (isTypeMeta(leaf.path)) continue;
      const match = singletons
        .filter((k) => k !== kind)
        .flatMap((k) => sources(views, k))
        .find((t) =>
          views.every((v) => {
            const want = fieldAt(v.objects.find((o) => o.ref.kind === t.kind)?.object, t.path);
            return v.objects
              .filter((o) => o.ref.kind === kind)
              .every((o) => compare(fieldAt(o.object, leaf.path), "==", want));
          }),
        );
      // One direction per pair of fields: between two singletons, "a equals b" and "b equals a" are one rule.
      if (!match || seen.has(`${match.kind} ${match.path} ${kind} ${leaf.path}`)) continue;
      seen.add(`${kind} ${leaf.path} ${match.kind} ${match.path}`);
      out.push({ rule: "field-equals", select: { kind }, path: leaf.path, equals: match });
      taken++;
    }
  }
  return out;
}

function finalizedKinds(views: readonly TerminalView[]): InvariantRule[] {
  return kindsOf(views)
    .filter((k) => ofKind(views, k).some(({ o }) => (o.object.metadata?.finalizers ?? []).length > 0))
    .map((kind) => ({ rule: "no-deletion-timestamp", select: { kind } }));
}

export interface ProposeInput {
  /** Converged terminal states of the reference runs: what "normally happens". */
  views: readonly TerminalView[];
  /** (for kind, owned kind) pairs the controllers declare (surface map), beyond what the objects show. */
  owns?: ReadonlyArray<[string, string]>;
}

/**
 * Rules that hold in every given terminal state, heuristic by heuristic, deterministic order. A rule that does
 * not hold in the reference is never proposed (it would flag the expected behaviour).
 */
export function proposeInvariants(input: ProposeInput): Proposal[] {
  const { views } = input;
  if (views.length === 0) return [];
  const pairs = ownership(views, input.owns ?? []);
  const heuristics: Array<[string, string, InvariantRule[]]> = [
    [
      "owner-has-child",
      "every owner of the kind controlled at least one child of this kind",
      ownerHasChild(views, pairs),
    ],
    ["child-count", "the number of controlled children equalled this spec field", childCount(views, pairs)],
    ["status-mirrors-spec", "the status field equalled the same-named spec field", statusMirrorsSpec(views)],
    [
      "condition-aggregate",
      "the owner's condition followed its children's (some True, some not)",
      conditionAggregate(views, pairs),
    ],
    [
      "propagated-value",
      "the field carried the value of the one object of the other kind",
      propagatedValues(views),
    ],
    ["finalized-kind", "objects of the kind carry finalizers", finalizedKinds(views)],
  ];
  const out: Proposal[] = [];
  for (const [heuristic, why, rules] of heuristics)
    for (const rule of rules.slice(0, MAX_PER_HEURISTIC)) {
      const name = describeRule(rule);
      // A candidate is only proposed if its compiled form agrees with the reference (guards the heuristics).
      if (views.some((v) => compileInvariant({ name, rule }).check(v).length > 0)) continue;
      out.push({
        name,
        rule,
        heuristic,
        rationale: `In all ${views.length} converged reference terminal state(s), ${why}.`,
      });
    }
  return out;
}
