import { type RunRecord, summarizeDumpMetrics } from "../../formats/run-record.ts";
import { relativeToWorkspace } from "../../workspace/index.ts";
import type { RunOptions } from "../types.ts";
import type { DumpCollection } from "./collect.ts";
import type { kameraRunLayout } from "./layout.ts";
import { readLogTail } from "./log-tail.ts";
import { judgeRun } from "./outcome.ts";
import type { KameraProject } from "./project.ts";
import { kameraProvenance } from "./provenance.ts";
import type { SuperviseResult } from "./supervise.ts";

export interface RunFacts {
  root: string;
  runId: string;
  opts: RunOptions;
  project: KameraProject;
  scenarioFile: string;
  layout: ReturnType<typeof kameraRunLayout>;
  command: string[];
  invocationId: string;
  proc: SuperviseResult;
  collected: DumpCollection;
  startedAt: string;
  durationMs: number;
}

/** The run record of a finished harness run: what ran, what it wrote, how it ended, the tail of its log. */
export async function kameraRunRecord(f: RunFacts): Promise<RunRecord> {
  const dumps = f.collected.dumps.map((d) => d.dump);
  const metrics = summarizeDumpMetrics(dumps);
  const outcome = judgeRun(
    f.proc,
    { dumps: dumps.length, quarantined: f.collected.quarantined.length },
    metrics,
    f.opts.timeoutMs,
  );
  const warnings: string[] = [];
  const foreign = dumps.filter((d) => d.context?.scenario?.attributes?.invocation_id !== f.invocationId);
  if (foreign.length > 0) {
    warnings.push(`${foreign.length} dump(s) do not carry KAMERA_INVOCATION_ID ${f.invocationId}`);
  }
  if (f.opts.trials !== undefined) {
    warnings.push("trials ignored: a kamera harness takes Monte Carlo trials from tuning.search.monteCarlo");
  }
  const rel = (file: string) => relativeToWorkspace(f.root, file);
  return {
    runId: f.runId,
    engine: "kamera",
    mode: f.opts.mode,
    project: f.project.name,
    scenarioFile: rel(f.scenarioFile),
    command: f.command,
    invocationId: f.invocationId,
    dumps: f.collected.dumps.map((d) => rel(d.file)),
    metrics,
    provenance: await kameraProvenance(f.scenarioFile, f.project.sourceRepo),
    startedAt: f.startedAt,
    durationMs: f.durationMs,
    status: outcome.status,
    ...(outcome.error !== undefined ? { error: outcome.error } : {}),
    logTail: readLogTail(f.layout.log),
    logFile: rel(f.layout.log),
    exitCode: f.proc.exitCode,
    quarantined: f.collected.quarantined.map((q) => ({ file: rel(q.file), reason: q.reason })),
    ...(warnings.length > 0 ? { warnings } : {}),
  };
}
