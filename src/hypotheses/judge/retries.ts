import { pathsOf, statesOf, stepContentsHash, type TerminalState } from "../../analysis/index.ts";
import type { DumpStep } from "../../formats/dump.ts";
import type { LoadedDump } from "./types.ts";

/**
 * kamera lets a branch "converge" with a failed reconcile still queued for retry (a Requeue never blocks
 * convergence). Such a state is final only when nothing changed since the failure — the retry then sees the same
 * world and fails the same way. When other controllers wrote after the failure, or the failing reconcile read a stale
 * cache (which catches up), the retry would run on a changed world and may succeed: the state is not an outcome.
 */
export interface PendingRetry {
  /** Index on the path of the failed step the retry repeats. */
  k: number;
  step: DumpStep;
  /** The retry would see something new: the state changed after the failure, or the failure read a stale cache. */
  changedAfter: boolean;
}

export function pendingRetries(s: TerminalState, path: readonly DumpStep[]): PendingRetry[] {
  const out: PendingRetry[] = [];
  const end = path.length > 0 ? stepContentsHash(path[path.length - 1] as DumpStep) : undefined;
  for (const p of s.state.contents.pendingReconciles ?? []) {
    if (p.source !== "Requeue") continue;
    // The step that queued this retry: walk back while the step before already had it queued. (Dump steps do not
    // name their request, so the controller's last step may have served another object.)
    const queued = (s: DumpStep | undefined) =>
      (s?.pendingReconciles ?? []).some(
        (q) =>
          q.source === "Requeue" &&
          q.reconcilerId === p.reconcilerId &&
          q.namespace === p.namespace &&
          q.name === p.name,
      );
    let k = path.length - 1;
    while (k > 0 && queued(path[k - 1])) k--;
    const step = path[k];
    if (step?.controllerId !== p.reconcilerId || !step.error || !queued(step)) continue;
    const staleRead = (step.stalenessInfo ?? []).length > 0;
    out.push({ k, step, changedAfter: staleRead || stepContentsHash(step) !== end });
  }
  return out;
}

/** A converged state whose queued retry would run on a changed world: not an outcome yet. */
export const retryUnfinished = (s: TerminalState): boolean =>
  pendingRetries(s, pathsOf(s)[0] ?? []).some((r) => r.changedAfter);

/** The dumps without states whose retry is unfinished (they are not terminal outcomes). */
export function withoutUnfinishedRetries(dumps: readonly LoadedDump[]): {
  dumps: LoadedDump[];
  dropped: number;
} {
  let dropped = 0;
  const out = dumps.map(({ id, dump }) => {
    const states = statesOf(dump).filter((s) => !retryUnfinished(s));
    dropped += statesOf(dump).length - states.length;
    return { id, dump: { ...dump, states } };
  });
  return { dumps: out, dropped };
}
