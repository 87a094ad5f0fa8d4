import { z } from "zod";
import { FaultInjection, InputSource, KubeObject, OpType, StalenessInterval } from "./workflow.ts";

/**
 * Stage "resolved": one scenario with every default filled, G1 mapped to G2, the search mode decided and the
 * legacy/interval staleness choice made. Engines consume this shape, never the file as written.
 */

export const DEFAULT_MAX_DEPTH = 10;

export const ResolvedAction = z.object({
  index: z.number().int().min(0),
  id: z.string().describe("From the file, or user-input-<index> when blank"),
  opType: OpType,
  /** Set when a CREATE targeted an object already seeded, which kamera runs as UPDATE. */
  convertedFrom: z.literal("CREATE").optional(),
  source: InputSource.optional(),
  object: KubeObject,
  readyAtDepth: z
    .number()
    .int()
    .nullable()
    .describe("From userActionReadyDepths; null = fires at convergence"),
});
export type ResolvedAction = z.infer<typeof ResolvedAction>;

export const ResolvedFault = FaultInjection.extend({
  triggerOnce: z.boolean(),
  recoverAtDepth: z.number().int().nullable(),
  triggerAfterDepth: z.number().int().nullable(),
});
export type ResolvedFault = z.infer<typeof ResolvedFault>;

export const ResolvedStaleness = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("none") }),
  z.object({ mode: z.literal("intervals"), intervals: z.array(StalenessInterval).min(1) }),
  z.object({
    mode: z.literal("legacy"),
    staleReads: z.record(z.string(), z.array(z.string())),
    /** Per kind; values ≤ 0 or missing are 1, read through `lookbackOf`. */
    staleLookback: z.record(z.string(), z.number().int().min(1)),
  }),
]);
export type ResolvedStaleness = z.infer<typeof ResolvedStaleness>;

export const ResolvedSearch = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("dfs") }),
  z.object({
    mode: z.literal("monte_carlo"),
    seed: z.number().int(),
    trials: z.number().int().min(1),
    trialIndex: z.number().int().min(0),
    scenarioGroup: z.string(),
  }),
]);
export type ResolvedSearch = z.infer<typeof ResolvedSearch>;

export const ResolvedTuning = z.object({
  maxDepth: z.number().int().min(1),
  maxDepthFrom: z.enum(["scenario", "default"]),
  permuteControllers: z.array(z.string()),
  permuteDepthRange: z.object({ min: z.number().int(), max: z.number().int() }).nullable(),
  permuteAfterEvent: z.object({ opType: z.string(), kind: z.string() }).nullable(),
  staleness: ResolvedStaleness,
  faultInjection: z.array(ResolvedFault),
  search: ResolvedSearch,
});
export type ResolvedTuning = z.infer<typeof ResolvedTuning>;

export const ResolvedScenario = z.object({
  name: z.string(),
  /** Position in the file (drives dump file names and the default Monte Carlo group). */
  index: z.number().int().min(0),
  generation: z.enum(["G1", "G2"]),
  objects: z.array(KubeObject),
  actions: z.array(ResolvedAction),
  tuning: ResolvedTuning,
  /** What resolution decided that an author might not expect (ignored fields, conversions). */
  notes: z.array(z.string()),
});
export type ResolvedScenario = z.infer<typeof ResolvedScenario>;

/** Lookback for a kind under legacy staleness (kamera default 1). */
export function lookbackOf(staleness: ResolvedStaleness, kind: string): number {
  return staleness.mode === "legacy" ? (staleness.staleLookback[kind] ?? 1) : 1;
}
