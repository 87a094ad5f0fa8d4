import { z } from "zod";

/**
 * What the offline planner's sweeps covered (issue #11): per target (a reader's unwatched kind, a timed input) every
 * distinct candidate (staleness window, ready depth) and whether it became a hypothesis or the budget skipped it.
 * Kept in hunt-state.json with the hypothesize phase; the hunt summary joins it with the hypotheses' statuses.
 */
export const SweepCandidate = z.looseObject({
  label: z.string().describe("`[staleAt, catchUpAt)` or `depth d`"),
  key: z.string().describe("planner key; the hypothesis it became has source `planner:<key>`"),
  proposed: z.boolean().describe("false: over the per-target cap, skipped by the budget"),
});
export type SweepCandidate = z.infer<typeof SweepCandidate>;

export const SweepFamily = z.looseObject({
  dimension: z.enum(["staleness", "user-action-timing"]),
  scenario: z.string().describe("scenario file#name"),
  target: z.string().describe("e.g. `Reader reads demo.io/Owner`, `input 1 (DELETE …)`"),
  cap: z.number().int().min(0),
  candidates: z.array(SweepCandidate),
});
export type SweepFamily = z.infer<typeof SweepFamily>;

export const PlannerCoverage = z.array(SweepFamily).describe("the planner's sweeps: candidates and budget");
export type PlannerCoverage = z.infer<typeof PlannerCoverage>;
