import type { PlannerCoverage, SweepFamily } from "../../formats/planner-coverage.ts";
import type { HypothesisType } from "../../formats/records.ts";
import { PLANNER_RULES } from "./rules.ts";
import { type PlannerInput, type Proposal, RULE_NAMES, type SweepSlot } from "./types.ts";

/**
 * Budget: candidates per target that become hypotheses, most distinct first. Each costs about two reference
 * paths (the variant and its own reference); four windows per unwatched read and four depths per input keep a
 * small project's whole hunt within 10,000 states (bench:hunt, bench:power).
 */
export const SWEEP_CAPS: Record<SweepSlot["dimension"], number> = { staleness: 4, "user-action-timing": 4 };

const byScore = (a: Proposal, b: Proposal) =>
  b.score - a.score || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** Every sweep family with its candidates in rank order, marking those over the cap. */
function coverageOf(all: readonly Proposal[]): PlannerCoverage {
  const families = new Map<string, SweepFamily>();
  for (const p of all) {
    if (!p.sweep) continue;
    const scenario = `${p.scenario}#${p.scenarioName}`;
    const id = `${p.sweep.dimension}\u0000${scenario}\u0000${p.sweep.family}`;
    const cap = SWEEP_CAPS[p.sweep.dimension];
    const f = families.get(id) ?? {
      dimension: p.sweep.dimension,
      scenario,
      target: p.sweep.family,
      cap,
      candidates: [],
    };
    f.candidates.push({ label: p.sweep.label, key: p.key, proposed: p.sweep.rank < cap });
    families.set(id, f);
  }
  return [...families.values()];
}

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
 * capped per sweep family, ranked by score (ties broken by key so the order never depends on iteration order).
 */
export function planProposals(input: PlannerInput): { proposals: Proposal[]; coverage: PlannerCoverage } {
  const byKey = new Map<string, Proposal>();
  for (const ref of input.references)
    for (const rule of RULE_NAMES)
      for (const raw of PLANNER_RULES[rule](input, ref)) {
        const p = fitToEngine(raw, input.runnable);
        if (p !== null && !byKey.has(p.key)) byKey.set(p.key, p);
      }
  const all = [...byKey.values()];
  const within = (p: Proposal) => !p.sweep || p.sweep.rank < SWEEP_CAPS[p.sweep.dimension];
  return { proposals: all.filter(within).sort(byScore), coverage: coverageOf(all) };
}

export function proposeHypotheses(input: PlannerInput): Proposal[] {
  return planProposals(input).proposals;
}
