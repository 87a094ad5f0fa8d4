import type { RunMetrics } from "../../formats/run-record.ts";
import type { SuperviseResult } from "./supervise.ts";

export interface RunOutcome {
  status: "ok" | "partial" | "failed";
  error?: string;
}

/**
 * ok = the harness exited 0 and every dump it wrote is whole; partial = some dumps are usable but the run was cut
 * short, a dump was quarantined or a child wrote a failure dump; failed = nothing usable.
 */
export function judgeRun(
  proc: SuperviseResult,
  counts: { dumps: number; quarantined: number },
  metrics: RunMetrics,
  timeoutMs?: number,
): RunOutcome {
  const problems: string[] = [];
  if (proc.spawnError !== undefined) problems.push(`cannot start the harness: ${proc.spawnError}`);
  else if (proc.timedOut) problems.push(`harness killed after the ${timeoutMs} ms timeout`);
  else if (proc.aborted) problems.push("harness stopped: run aborted");
  else if (proc.exitSignal !== null) problems.push(`harness killed by ${proc.exitSignal}`);
  else if (proc.exitCode !== 0) problems.push(`harness exited with code ${proc.exitCode}`);
  if (counts.quarantined > 0)
    problems.push(`${counts.quarantined} dump(s) quarantined (truncated or malformed)`);
  if (metrics.errorDumps > 0)
    problems.push(`${metrics.errorDumps} failure dump(s) (attributes.status=error)`);
  if (counts.dumps === 0) problems.push("no dumps were written");
  if (problems.length === 0) return { status: "ok" };
  const usable = counts.dumps - metrics.errorDumps > 0;
  return { status: usable ? "partial" : "failed", error: problems.join("; ") };
}
