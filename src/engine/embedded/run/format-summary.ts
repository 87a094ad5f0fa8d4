import { formatReconcileError } from "../../../formats/reconcile-errors.ts";
import type { RunRecord } from "../../../formats/run-record.ts";
import type { EngineEvent } from "../../types.ts";
import type { DumpSummary } from "../dump/index.ts";

const PHASE_WIDTH = 52;

/** Long phase names keep their head and their distinguishing tail (`staleness_<ctrl>…<kind>_<at>_<until>`). */
function phaseLabel(phase: string): string {
  if (phase.length <= PHASE_WIDTH) return phase.padEnd(PHASE_WIDTH);
  const tail = PHASE_WIDTH - 21;
  return `${phase.slice(0, 20)}…${phase.slice(phase.length - tail)}`;
}

/** The one-screen end-of-run summary: one line per dump, then totals. Pure text, no I/O. */
export function formatRunSummary(
  record: RunRecord,
  summaries: readonly DumpSummary[],
  outDir: string,
): string {
  const lines = [
    `explore ${record.mode} · ${record.project ?? ""} · ${record.scenarioFile} · status ${record.status}`,
  ];
  lines.push(`dumps in ${outDir} (invocation ${record.invocationId})`);
  lines.push("");
  lines.push(`${"phase".padEnd(PHASE_WIDTH)} trial  unique/total   R  conv  abort  terminal hashes`);
  for (const s of summaries) {
    const trial = s.trialIndex === undefined ? "-" : String(s.trialIndex);
    const hashes =
      s.convergedHashes.slice(0, 4).join(" ") +
      (s.convergedHashes.length > 4 ? ` +${s.convergedHashes.length - 4}` : "");
    const aborts = s.maxDepthAborted ? `${s.aborted} (${s.maxDepthAborted} depth)` : String(s.aborted);
    lines.push(
      `${phaseLabel(s.phase)} ${trial.padStart(5)}  ${`${s.uniqueNodeVisits}/${s.totalNodeVisits}`.padStart(12)} ${String(s.uniqueResourceStates).padStart(3)} ${String(s.converged).padStart(5)}  ${aborts.padStart(5)}  ${hashes}${s.timedOut ? "  (timed out: partial)" : ""}`,
    );
  }
  const m = record.metrics;
  lines.push("");
  lines.push(
    `total: ${summaries.length} dumps, ${m.totalNodeVisits} visits (${m.uniqueNodeVisits} unique), ${m.uniqueResourceStates} resource states, ${m.converged} converged, ${m.aborted} aborted (${m.maxDepthAborted} at max depth), ${record.durationMs} ms`,
  );
  const errors = record.reconcileErrors ?? [];
  if (errors.length) lines.push("", `reconcile errors (${errors.length}):`);
  for (const e of errors) lines.push(`  ${formatReconcileError(e)}`);
  for (const w of record.warnings ?? []) lines.push(`warning: ${w}`);
  return lines.join("\n");
}

/** A progress line for a TTY (rewritten in place with \r by the caller). */
export function formatProgress(e: EngineEvent): string | undefined {
  switch (e.type) {
    case "phase-start":
      return `${e.scenario} · ${e.phase}: starting`;
    case "progress":
      return `${e.scenario} · ${e.phase}: ${e.visits} visits, ${e.converged} converged, ${e.aborted} aborted`;
    case "trial-done":
      return `${e.scenario}: trial ${e.trial + 1}/${e.trials} done`;
    case "phase-end":
      return undefined;
  }
}
