import { CYCLING_THRESHOLD } from "../analysis/index.ts";
import type { RunRecord } from "../formats/run-record.ts";

export interface MetricsRowView {
  scenario: string;
  run: string;
  phase: string;
  unique: number;
  total: number;
  resourceStates: number;
  converged: number;
  aborted: string;
  cycling: string;
}

const base = (file: string) => file.split("/").pop() ?? file;

/** `cycling (13.4×)` above kamera's threshold (total/unique > 3), else `no (1.3×)`. */
export function cyclingText(unique: number, total: number): string {
  if (unique === 0) return "—";
  const ratio = total / unique;
  return `${ratio > CYCLING_THRESHOLD ? "cycling" : "no"} (${ratio.toFixed(1)}×)`;
}

/** One Campaign Metrics Summary row per recorded run, from its run.json metrics (never copied by hand). */
export function metricsRows(runs: readonly RunRecord[]): MetricsRowView[] {
  return runs.map((r) => ({
    scenario: base(r.scenarioFile),
    run: r.runId,
    phase: r.status === "ok" ? r.mode : `${r.mode} (${r.status})`,
    unique: r.metrics.uniqueNodeVisits,
    total: r.metrics.totalNodeVisits,
    resourceStates: r.metrics.uniqueResourceStates,
    converged: r.metrics.converged,
    aborted: r.metrics.maxDepthAborted
      ? `${r.metrics.aborted} (${r.metrics.maxDepthAborted} max depth)`
      : String(r.metrics.aborted),
    cycling: cyclingText(r.metrics.uniqueNodeVisits, r.metrics.totalNodeVisits),
  }));
}

/**
 * Reconcile errors of every run, one row per controller, request and message (the runs that showed it, how often,
 * the first citation): an error the reference run shows is as visible as a finding.
 */
export function reconcileErrorRows(runs: readonly RunRecord[]) {
  const rows = new Map<
    string,
    {
      controller: string;
      request: string;
      message: string;
      runs: string[];
      occurrences: number;
      citation: string;
    }
  >();
  for (const r of runs)
    for (const e of r.reconcileErrors ?? []) {
      const key = `${e.controllerId}\u0000${e.request ?? ""}\u0000${e.message}`;
      const c = e.citation;
      const row = rows.get(key) ?? {
        controller: e.controllerId,
        request: e.request ?? "unknown",
        message: e.message,
        runs: [],
        occurrences: 0,
        citation: `${c.dump} ${c.stateId} path ${c.pathIndex} step ${c.stepIndex} ${c.contentsHash}`,
      };
      row.runs.push(`${r.runId} (${r.mode})`);
      row.occurrences += e.occurrences;
      rows.set(key, row);
    }
  return [...rows.values()];
}
