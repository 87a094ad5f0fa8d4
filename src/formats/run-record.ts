import { z } from "zod";
import { ReconcileError } from "./reconcile-errors.ts";

export const RunMode = z.enum(["reference", "exploration", "closed-loop"]);
export type RunMode = z.infer<typeof RunMode>;

export const EngineName = z.enum(["embedded", "kamera"]);
export type EngineName = z.infer<typeof EngineName>;

/** Campaign metrics of a run: kamera's four counters summed over the run's dumps, plus outcome counts. */
export const RunMetrics = z.looseObject({
  uniqueNodeVisits: z.number().int().min(0),
  totalNodeVisits: z.number().int().min(0),
  uniqueResourceStates: z.number().int().min(0),
  durationNs: z.number().min(0),
  converged: z.number().int().min(0),
  aborted: z.number().int().min(0),
  maxDepthAborted: z.number().int().min(0),
  errorDumps: z.number().int().min(0).default(0),
});
export type RunMetrics = z.infer<typeof RunMetrics>;

export const Provenance = z.looseObject({
  ctrlhuntVersion: z.string(),
  scenarioSha256: z.string(),
  targetCommit: z.string().optional(),
  targetDirty: z.boolean().optional(),
  modelSha256: z
    .string()
    .optional()
    .describe("embedded targets: sha256 of project.ts and the files it imports"),
  seed: z.number().optional(),
});
export type Provenance = z.infer<typeof Provenance>;

/** evidence/<project>/runs/<run-id>/run.json (contract). */
export const RunRecord = z
  .looseObject({
    runId: z.string(),
    engine: EngineName,
    mode: RunMode,
    project: z.string().optional(),
    scenarioFile: z.string(),
    command: z.array(z.string()).default([]),
    invocationId: z.string(),
    dumps: z.array(z.string()).describe("dump files, relative to the workspace"),
    metrics: RunMetrics,
    provenance: Provenance,
    startedAt: z.string(),
    durationMs: z.number(),
    status: z.enum(["ok", "partial", "failed"]).default("ok"),
    error: z.string().optional(),
    logTail: z.string().optional(),
    logFile: z.string().optional().describe("harness output log (kamera engine), relative to the workspace"),
    exitCode: z.number().int().nullable().optional().describe("harness exit code; null when killed"),
    quarantined: z
      .array(z.object({ file: z.string(), reason: z.string() }))
      .optional()
      .describe("dumps that did not parse (truncated by a kill …), moved aside, relative to the workspace"),
    warnings: z.array(z.string()).optional(),
    reconcileErrors: z
      .array(ReconcileError)
      .optional()
      .describe("reconcile errors the run's traces show (controller, request, message, first citation)"),
  })
  .describe("One exploration run and where its dumps are");
export type RunRecord = z.infer<typeof RunRecord>;

/** Sum kamera's campaign metrics and outcome counts over dumps (as `kamera analyze campaign-metrics` does). */
export function summarizeDumpMetrics(
  dumps: ReadonlyArray<{
    campaignMetrics?: {
      uniqueNodeVisits?: number;
      totalNodeVisits?: number;
      uniqueResourceStates?: number;
      durationNs?: number;
    };
    states?: ReadonlyArray<{ error?: string }> | null;
    context?: { scenario?: { attributes?: Record<string, string> } };
  }>,
): RunMetrics {
  const m: RunMetrics = {
    uniqueNodeVisits: 0,
    totalNodeVisits: 0,
    uniqueResourceStates: 0,
    durationNs: 0,
    converged: 0,
    aborted: 0,
    maxDepthAborted: 0,
    errorDumps: 0,
  };
  for (const d of dumps) {
    m.uniqueNodeVisits += d.campaignMetrics?.uniqueNodeVisits ?? 0;
    m.totalNodeVisits += d.campaignMetrics?.totalNodeVisits ?? 0;
    m.uniqueResourceStates += d.campaignMetrics?.uniqueResourceStates ?? 0;
    m.durationNs += d.campaignMetrics?.durationNs ?? 0;
    if (d.context?.scenario?.attributes?.status?.toLowerCase() === "error") m.errorDumps++;
    for (const s of d.states ?? []) {
      const err = (s.error ?? "").trim();
      if (err === "") m.converged++;
      else {
        m.aborted++;
        if (/max depth/i.test(err)) m.maxDepthAborted++;
      }
    }
  }
  return m;
}

/** Metrics of a run from its dumps' metrics (sums; dumps summarised where they were written). */
export function addRunMetrics(parts: readonly RunMetrics[]): RunMetrics {
  const total = summarizeDumpMetrics([]);
  for (const p of parts)
    for (const k of Object.keys(total) as (keyof RunMetrics)[])
      (total as Record<string, number>)[k] += (p[k] as number | undefined) ?? 0;
  return total;
}
