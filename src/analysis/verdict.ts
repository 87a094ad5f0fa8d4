import type { RunMetrics } from "../formats/run-record.ts";

/**
 * Phase E's convergence decision tree (kamera-workflow §2 Phase E) as data: a verdict and the next action.
 *   all converged → compare states; some → compare with partial data; none → all max-depth → double maxDepth,
 *   else investigate; total/unique > 3 ⇒ cycling, more depth will not help.
 */

export const CYCLING_THRESHOLD = 3;

export type VerdictKind = "converged" | "partial" | "max-depth" | "cycling" | "aborted" | "failed" | "empty";

export interface Verdict {
  kind: VerdictKind;
  /** e.g. "all max-depth aborted, ratio 1.4". */
  summary: string;
  /** e.g. "double maxDepth to 80". */
  next: string;
  cyclingRatio: number | null;
  cycling: boolean;
  /** Controllers blamed for a cycle (most writes on the non-converged paths first). */
  suspects: string[];
}

/** Who writes (and errors) on the non-converged paths: the evidence for naming a cycle's culprit. */
export interface LoopEvidence {
  writes: Record<string, number>;
  statusWrites: Record<string, number>;
  errors: Record<string, number>;
  /** Most frequent non-max-depth abort message. */
  topError?: string;
}

const ranked = (m: Record<string, number>) =>
  Object.entries(m)
    .filter(([, n]) => n > 0)
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1));

export function cyclingRatio(m: Pick<RunMetrics, "uniqueNodeVisits" | "totalNodeVisits">): number | null {
  return m.uniqueNodeVisits > 0 ? m.totalNodeVisits / m.uniqueNodeVisits : null;
}

const fmt = (r: number) => (Math.round(r * 10) / 10).toFixed(1);

/** "unconditional status writes by X" / "error re-enqueue loops by X" / "a controller feedback cycle between X and Y". */
export function diagnoseLoop(e: LoopEvidence): { cause: string; suspects: string[] } {
  const writers = ranked(e.writes);
  const errors = ranked(e.errors);
  const totalWrites = writers.reduce((s, [, n]) => s + n, 0);
  const totalErrors = errors.reduce((s, [, n]) => s + n, 0);
  if (totalErrors > totalWrites && errors.length > 0)
    return { cause: `error re-enqueue loops by ${errors[0][0]}`, suspects: [errors[0][0]] };
  if (writers.length === 0) return { cause: "a loop without writes (requeues only)", suspects: [] };
  const [top, n] = writers[0];
  if (writers.length > 1 && writers[1][1] >= 0.8 * n)
    return {
      cause: `a controller feedback cycle between ${top} and ${writers[1][0]}`,
      suspects: [top, writers[1][0]],
    };
  const status = e.statusWrites[top] ?? 0;
  return { cause: `unconditional ${status * 2 >= n ? "status " : ""}writes by ${top}`, suspects: [top] };
}

export function convergenceVerdict(
  m: RunMetrics,
  evidence: LoopEvidence,
  opts: { maxDepth?: number } = {},
): Verdict {
  const ratio = cyclingRatio(m);
  const cycling = ratio !== null && ratio > CYCLING_THRESHOLD;
  const base = { cyclingRatio: ratio, cycling, suspects: [] as string[] };
  const states = m.converged + m.aborted;
  const loop = cycling ? diagnoseLoop(evidence) : undefined;
  const errNote = m.errorDumps > 0 ? `; ${m.errorDumps} error dump(s)` : "";
  const cycleNote = `${loop ? `; cycling ${fmt(ratio ?? 0)}×: likely ${loop.cause}` : ""}${errNote}`;
  if (states === 0) {
    if (m.errorDumps > 0)
      return {
        ...base,
        kind: "failed",
        summary: `${m.errorDumps} error dump(s), no terminal states`,
        next: "read attributes.error_message in the failure dump and fix the harness or scenario",
      };
    return {
      ...base,
      kind: "empty",
      summary: "no terminal states",
      next: "check the scenario seeds objects or inputs",
    };
  }
  if (m.aborted === 0)
    return {
      ...base,
      kind: "converged",
      summary: `all ${m.converged} state(s) converged${cycleNote}`,
      next: "compare terminal states (ctrlhunt analyze states, then analyze diff)",
      suspects: loop?.suspects ?? [],
    };
  if (m.converged > 0)
    return {
      ...base,
      kind: "partial",
      summary: `${m.converged} converged, ${m.aborted} aborted (${m.maxDepthAborted} max-depth)${cycleNote}`,
      next: "compare terminal states with partial data (ctrlhunt analyze states)",
      suspects: loop?.suspects ?? [],
    };
  if (loop && ratio !== null)
    return {
      ...base,
      kind: "cycling",
      summary: `cycling ${fmt(ratio)}×: depth will not help; likely ${loop.cause}`,
      next: "break the loop (fire inputs at a fixed depth with userActionReadyDepths) or compare per-object hashes of the aborted states",
      suspects: loop.suspects,
    };
  if (m.maxDepthAborted === m.aborted)
    return {
      ...base,
      kind: "max-depth",
      summary: `all max-depth aborted, ratio ${ratio === null ? "n/a" : fmt(ratio)}`,
      next: opts.maxDepth ? `double maxDepth to ${opts.maxDepth * 2}` : "double maxDepth",
    };
  return {
    ...base,
    kind: "aborted",
    summary: `${m.aborted - m.maxDepthAborted} state(s) aborted for other reasons${evidence.topError ? `: "${evidence.topError}"` : ""}`,
    next: "investigate the abort errors and flag them to the user",
  };
}
