import type { HypothesisType } from "../../formats/records.ts";
import { PLANNER_RULES } from "./rules.ts";
import { type PlannerInput, type Proposal, RULE_NAMES } from "./types.ts";

/** A gated ordering search falls back to the plain one on an engine that cannot gate (it permutes everywhere). */
const FALLBACK: Partial<Record<HypothesisType, HypothesisType>> = {
  "ordering-depth-band": "ordering",
  "ordering-after-event": "ordering",
};

/** The proposal as the engine can run it, or null when it cannot (never a variant the engine would refuse). */
function fitToEngine(p: Proposal, runnable: ReadonlySet<HypothesisType> | undefined): Proposal | null {
  if (runnable === undefined || runnable.has(p.type)) return p;
  const fallback = FALLBACK[p.type];
  return fallback !== undefined && runnable.has(fallback) ? { ...p, type: fallback } : null;
}

/**
 * The offline planner (deterministic): every rule over every base scenario's reference, deduplicated by key,
 * ranked by score (ties broken by key so the order never depends on iteration order).
 */
export function proposeHypotheses(input: PlannerInput): Proposal[] {
  const byKey = new Map<string, Proposal>();
  for (const ref of input.references)
    for (const rule of RULE_NAMES)
      for (const raw of PLANNER_RULES[rule](input, ref)) {
        const p = fitToEngine(raw, input.runnable);
        if (p !== null && !byKey.has(p.key)) byKey.set(p.key, p);
      }
  return [...byKey.values()].sort(
    (a, b) => b.score - a.score || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
}
