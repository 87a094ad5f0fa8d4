import { citeTerminal } from "../../analysis/index.ts";
import { outcomeOf, statesOf, terminalObjects } from "../../analysis/index.ts";
import { parseJsonPath, valuesAt } from "../../analysis/json-path.ts";
import type { Citation } from "../../formats/citation.ts";
import type { Dump, DumpResultState } from "../../formats/dump.ts";
import { keyKind } from "../../formats/dump.ts";
import type { Predicate } from "../../formats/hypothesis-parameters.ts";
import { stableStringify } from "../../formats/json-text.ts";
import type { EvidenceFinder } from "./types.ts";

/** "core/ConfigMap default/shared exists" — how a predicate reads in reasons and citation notes. */
export function describePredicate(p: Predicate): string {
  const ref = `${p.kind} ${p.namespace ? `${p.namespace}/` : ""}${p.name}`;
  if (p.op === "fieldEquals") return `${ref} has ${p.path} = ${JSON.stringify(p.value)}`;
  return `${ref} ${p.op === "exists" ? "exists" : "is absent"}`;
}

/** The object a predicate names in a terminal state (its content from the dump's objects table), or null. */
function lookup(dump: Dump, s: DumpResultState, p: Predicate): { found: boolean; content?: unknown } {
  const ov = terminalObjects(s).find(
    (o) => keyKind(o.key) === p.kind && (o.key.namespace ?? "") === p.namespace && o.key.name === p.name,
  );
  if (!ov) return { found: false };
  const content = (dump.objects ?? []).find((o) => o.hash.Value === ov.hash.Value)?.object;
  return { found: true, content };
}

/** Does a predicate hold in one terminal state? */
export function holds(dump: Dump, s: DumpResultState, p: Predicate): boolean {
  const { found, content } = lookup(dump, s, p);
  if (p.op === "exists") return found;
  if (p.op === "absent") return !found;
  if (!found) return false;
  const want = stableStringify(p.value);
  return valuesAt(content, parseJsonPath(p.path)).some((v) => stableStringify(v) === want);
}

/** A predicate violated in a converged terminal state of the exploration (cited at that state's path). */
export const findPredicateEvidence: EvidenceFinder = (input) => {
  const predicates = input.hypothesis.predicates ?? [];
  if (predicates.length === 0) return undefined;
  const citations: Citation[] = [];
  const violating = new Set<string>();
  let converged = 0;
  const violatedBy = new Map<string, number>();
  for (const { id, dump } of input.exploration)
    for (const s of statesOf(dump)) {
      if (outcomeOf(s) !== "converged") continue;
      converged++;
      for (const p of predicates) {
        if (holds(dump, s, p)) continue;
        const what = describePredicate(p);
        violating.add(`${id}|${s.id}`);
        violatedBy.set(what, (violatedBy.get(what) ?? 0) + 1);
        if (!citations.some((c) => c.note?.endsWith(what)))
          citations.push(citeTerminal(id, s, 0, `predicate violated: ${what}`));
      }
    }
  if (violating.size === 0) return undefined;
  const which = [...violatedBy].map(([w, n]) => `"${w}" fails in ${n}`).join("; ");
  return {
    kind: "predicate",
    citations,
    symptom: {
      kind: "predicate",
      invariants: [],
      objects: predicates.map((p) => ({ kind: p.kind, namespace: p.namespace ?? "", name: p.name })),
    },
    hitRate: { k: violating.size, n: Math.max(converged, 1) },
    reason: `${violating.size} of ${converged} converged terminal states violate the hypothesis's predicate: ${which}`,
  };
};
