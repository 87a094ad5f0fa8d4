import { PLANNER_RULES } from "./rules.ts";
import { type PlannerInput, type Proposal, RULE_NAMES } from "./types.ts";

/**
 * The offline planner (deterministic): every rule over every base scenario's reference, deduplicated by key,
 * ranked by score (ties broken by key so the order never depends on iteration order).
 */
export function proposeHypotheses(input: PlannerInput): Proposal[] {
  const byKey = new Map<string, Proposal>();
  for (const ref of input.references)
    for (const rule of RULE_NAMES)
      for (const p of PLANNER_RULES[rule](input, ref)) if (!byKey.has(p.key)) byKey.set(p.key, p);
  return [...byKey.values()].sort(
    (a, b) => b.score - a.score || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
}
