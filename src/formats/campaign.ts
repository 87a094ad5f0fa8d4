import { z } from "zod";
import { EngineName, RunMetrics, RunMode, RunRecord } from "./run-record.ts";

/**
 * A campaign (`<dir>/campaign.json`): one exploration and/or hypothesis variants cut into a deterministic list of
 * work units, shared by N shards. Shard i runs the units with `id % shards === i`; everything a shard needs is in
 * this file, which is content-hashed so a shard record can name the exact campaign it ran.
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

export const ScenarioUnit = z
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
export type ScenarioUnit = z.infer<typeof ScenarioUnit>;

export const HypothesisUnit = z
  .object({
    id: z.number().int().min(0),
    hypothesis: z.string().describe("id of one of the campaign's hypotheses"),
  })
  .strict()
  .describe("one hypothesis variant run (its exploration, and its own reference when it perturbs)");
export type HypothesisUnit = z.infer<typeof HypothesisUnit>;

export const CampaignUnit = z.union([ScenarioUnit, HypothesisUnit]);
export type CampaignUnit = z.infer<typeof CampaignUnit>;

export const PinnedFile = z.object({ file: z.string(), sha256: z.string() });
export type PinnedFile = z.infer<typeof PinnedFile>;

export const CampaignHypothesis = z
  .object({
    id: z.string(),
    type: z.string(),
    explored: z
      .string()
      .describe(
        "scenario file the variant run explores (the variant, or the base), relative to the workspace",
      ),
    exploredSha256: z.string(),
    scenarioName: z.string(),
    modes: z
      .array(z.enum(["exploration", "reference"]))
      .min(1)
      .describe("runs of the unit, in the order a local `hypothesis run` makes them"),
    baseline: z
      .object({ runId: z.string(), dumps: z.array(PinnedFile) })
      .describe("the recorded reference run the judge compares against (dumps relative to the workspace)"),
  })
  .describe("a hypothesis variant, pinned when the campaign was planned");
export type CampaignHypothesis = z.infer<typeof CampaignHypothesis>;

export const CampaignHypotheses = z.object({
  items: z.array(CampaignHypothesis).min(1),
  timeoutMs: z.number().int().min(1).optional().describe("per variant run, as `hypothesis run --timeout`"),
  skipped: z
    .array(z.object({ id: z.string(), reason: z.string() }))
    .default([])
    .describe("selected by all/pending, left out: their preflight fails (as a local run would)"),
});
export type CampaignHypotheses = z.infer<typeof CampaignHypotheses>;

export const CampaignFile = z
  .object({
    format: z.literal("ctrlhunt-campaign/v1"),
    project: z.string(),
    engine: EngineName.describe("the project's engine (scenario units: embedded only)"),
    inputs: z.string().optional().describe("scenario file, relative to the workspace (scenario units)"),
    mode: RunMode.optional().describe("scenario units' mode"),
    seed: z.number().int().min(0),
    trials: z.number().int().min(1).optional(),
    maxDepth: z.number().int().min(1).optional(),
    shards: z.number().int().min(1),
    invocationId: z.string().optional().describe("scenario units: the unsharded run's invocation id"),
    provenance: z.object({
      ctrlhuntVersion: z.string(),
      scenarioSha256: z.string().optional().describe("sha256 of `inputs`"),
      modelSha256: z.string().optional().describe("embedded targets: sha256 of the model"),
      referenceSha256: z
        .record(z.string(), z.string())
        .optional()
        .describe("closed-loop: sha256 of each scenario's reference dump the phases were derived from"),
    }),
    scenarios: z.array(CampaignScenario),
    hypotheses: CampaignHypotheses.optional(),
    units: z.array(CampaignUnit).min(1),
    sha256: z.string().describe("sha256 of this file's content without this field"),
  })
  .superRefine((c, ctx) => {
    const need = (ok: unknown, path: string) => {
      if (!ok)
        ctx.addIssue({
          code: "custom",
          path: [path],
          message: "required when the campaign has scenario units",
        });
    };
    if (c.scenarios.length > 0) {
      need(c.inputs, "inputs");
      need(c.mode, "mode");
      need(c.invocationId, "invocationId");
      need(c.provenance.scenarioSha256, "provenance.scenarioSha256");
    }
    const scenarios = new Set(c.scenarios.map((s) => s.name));
    const hypotheses = new Set(c.hypotheses?.items.map((h) => h.id));
    c.units.forEach((u, i) => {
      const known = "hypothesis" in u ? hypotheses.has(u.hypothesis) : scenarios.has(u.scenario);
      if (u.id !== i) ctx.addIssue({ code: "custom", path: ["units", i, "id"], message: `must be ${i}` });
      if (!known)
        ctx.addIssue({
          code: "custom",
          path: ["units", i],
          message: "names no scenario or hypothesis of the campaign",
        });
    });
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

/** One engine run of a hypothesis unit, kept in its own folder of the shard. */
export const ShardRun = z.object({
  unit: z.number().int().min(0),
  hypothesis: z.string(),
  mode: z.enum(["exploration", "reference"]),
  dir: z.string().describe("the run's folder, relative to the shard folder"),
  files: z.array(PinnedFile).describe("every file the engine left in `dir` (relative to it)"),
  record: RunRecord.describe("the engine's run record, its paths relative to `dir`"),
});
export type ShardRun = z.infer<typeof ShardRun>;

/** `<dir>/shards/<i>/shard.json`, written last and atomically: its presence means the shard finished. */
export const ShardRecord = z
  .object({
    format: z.literal("ctrlhunt-shard/v1"),
    shard: z.number().int().min(0),
    campaignSha256: z.string(),
    units: z.array(z.number().int().min(0)),
    provenance: z.object({
      ctrlhuntVersion: z.string(),
      scenarioSha256: z.string().optional(),
      modelSha256: z.string().optional(),
    }),
    dumps: z.array(ShardDump).describe("scenario units' dumps"),
    runs: z.array(ShardRun).default([]).describe("hypothesis units' runs"),
    startedAt: z.string(),
    durationMs: z.number().min(0),
    host: z.string().optional().describe("pod or machine that ran it (HOSTNAME)"),
  })
  .describe("<campaign dir>/shards/<i>/shard.json");
export type ShardRecord = z.infer<typeof ShardRecord>;
