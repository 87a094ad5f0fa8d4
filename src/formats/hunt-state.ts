import { z } from "zod";
import { PlannerCoverage } from "./planner-coverage.ts";

/**
 * evidence/<project>/hunt-state.json: which phases of `ctrlhunt hunt` finished and what they produced, so a re-run
 * (after an interrupt or a crash) continues where it stopped and never repeats finished work unless asked.
 */
export const PhaseStatus = z.enum(["done", "stopped", "failed"]);
export type PhaseStatus = z.infer<typeof PhaseStatus>;

export const PhaseRecord = z.looseObject({
  status: PhaseStatus,
  /** One line per thing the phase produced or decided. */
  summary: z.array(z.string()).default([]),
  /** Files and record ids it produced (workspace-relative paths, run ids, hypothesis ids). */
  outputs: z.array(z.string()).default([]),
  statesExplored: z.number().int().min(0).default(0),
  reason: z.string().optional().describe("why the phase stopped or failed"),
  coverage: PlannerCoverage.optional().describe("hypothesize: what the planner's sweeps covered and skipped"),
  finishedAt: z.string(),
});
export type PhaseRecord = z.infer<typeof PhaseRecord>;

export const HuntState = z
  .looseObject({
    project: z.string(),
    agent: z.enum(["offline", "anthropic"]).default("offline"),
    phases: z.record(z.string(), PhaseRecord).default({}),
    usage: z
      .looseObject({
        statesExplored: z.number().int().min(0).default(0),
        inputTokens: z.number().int().min(0).default(0),
        outputTokens: z.number().int().min(0).default(0),
        costUsd: z.number().min(0).default(0),
      })
      .default({ statesExplored: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 }),
  })
  .describe("evidence/<project>/hunt-state.json");
export type HuntState = z.infer<typeof HuntState>;
