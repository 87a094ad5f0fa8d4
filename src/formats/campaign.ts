import { z } from "zod";
import { RunMetrics, RunMode } from "./run-record.ts";

/**
 * A campaign (`<dir>/campaign.json`): one exploration cut into a deterministic list of work units, shared by N shards.
 * Shard i runs the units with `id % shards === i`; everything a shard needs is in this file, which is content-hashed
 * so a shard record can name the exact campaign it ran.
 */

const PhaseTransform = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("as-written") }),
  z.object({ kind: z.literal("reference") }),
  z.object({ kind: z.literal("rerun"), permute: z.array(z.string()) }),
  z.object({ kind: z.literal("interleave"), actionIndex: z.number().int(), depth: z.number().int() }),
  z.object({
    kind: z.literal("staleness"),
    reconciler: z.string(),
    staleKind: z.string(),
    staleAt: z.number().int(),
    catchUpAt: z.number().int(),
    permute: z.array(z.string()),
  }),
]);

export const CampaignPhase = z
  .object({
    name: z.string().optional(),
    transform: PhaseTransform,
    attributes: z.record(z.string(), z.string()),
  })
  .describe("one phase of a scenario's run, as the embedded engine plans it");
export type CampaignPhase = z.infer<typeof CampaignPhase>;

export const CampaignScenario = z.object({
  name: z.string(),
  /** Position in the inputs file (dump file numbering and the Monte Carlo group depend on it). */
  index: z.number().int().min(0),
  phases: z.array(CampaignPhase).min(1),
  /** Monte Carlo trials per phase; absent for DFS. */
  trials: z.number().int().min(1).optional(),
});
export type CampaignScenario = z.infer<typeof CampaignScenario>;

export const CampaignUnit = z
  .object({
    id: z.number().int().min(0),
    scenario: z.string(),
    phase: z.number().int().min(0).describe("index into the scenario's phases"),
    trials: z
      .object({ from: z.number().int().min(0), to: z.number().int().min(1) })
      .optional()
      .describe("Monte Carlo trial range [from, to)"),
  })
  .describe("scenario × phase × trial range");
export type CampaignUnit = z.infer<typeof CampaignUnit>;

export const CampaignFile = z
  .object({
    format: z.literal("ctrlhunt-campaign/v1"),
    project: z.string(),
    engine: z.literal("embedded"),
    inputs: z.string().describe("scenario file, relative to the workspace"),
    mode: RunMode,
    seed: z.number().int().min(0),
    trials: z.number().int().min(1).optional(),
    maxDepth: z.number().int().min(1).optional(),
    shards: z.number().int().min(1),
    invocationId: z.string(),
    provenance: z.object({
      ctrlhuntVersion: z.string(),
      scenarioSha256: z.string(),
      modelSha256: z.string(),
      referenceSha256: z
        .record(z.string(), z.string())
        .optional()
        .describe("closed-loop: sha256 of each scenario's reference dump the phases were derived from"),
    }),
    scenarios: z.array(CampaignScenario).min(1),
    units: z.array(CampaignUnit).min(1),
    sha256: z.string().describe("sha256 of this file's content without this field"),
  })
  .describe("<campaign dir>/campaign.json");
export type CampaignFile = z.infer<typeof CampaignFile>;

export const ShardDump = z.object({
  unit: z.number().int().min(0),
  file: z.string().describe("relative to the shard folder"),
  sha256: z.string(),
  phase: z.string(),
  trialIndex: z.number().int().min(0).optional(),
  metrics: RunMetrics,
  timedOut: z.boolean().optional(),
});
export type ShardDump = z.infer<typeof ShardDump>;

/** `<dir>/shards/<i>/shard.json`, written last and atomically: its presence means the shard finished. */
export const ShardRecord = z
  .object({
    format: z.literal("ctrlhunt-shard/v1"),
    shard: z.number().int().min(0),
    campaignSha256: z.string(),
    units: z.array(z.number().int().min(0)),
    provenance: z.object({
      ctrlhuntVersion: z.string(),
      scenarioSha256: z.string(),
      modelSha256: z.string(),
    }),
    dumps: z.array(ShardDump),
    startedAt: z.string(),
    durationMs: z.number().min(0),
    host: z.string().optional().describe("pod or machine that ran it (HOSTNAME)"),
  })
  .describe("<campaign dir>/shards/<i>/shard.json");
export type ShardRecord = z.infer<typeof ShardRecord>;
