import type { ExploreConfig } from "../config/index.ts";
import {
  isQuiescent,
  isReady,
  nextDeferredDepth,
  type Pending,
  type StateNode,
  withChanges,
} from "../state/index.ts";

/** When the next external input fires (spec §4.6): at its ready depth if set, else once the branch is quiescent. */
export function shouldApplyUserAction(cfg: ExploreConfig, n: StateNode): boolean {
  if (n.userIdx >= cfg.actions.length) return false;
  const ready = cfg.readyDepths.get(n.userIdx);
  return ready !== undefined ? n.depth >= ready : isQuiescent(n.pending);
}

/**
 * Terminal converged: no user actions left and only ignorable work pending (spec §1.9), and no manager restart
 * still owed to a crash (ctrlhunt: the branch must reach the restart first).
 */
export function isTerminalConverged(cfg: ExploreConfig, n: StateNode): boolean {
  return n.userIdx >= cfg.actions.length && isQuiescent(n.pending) && n.restart?.phase !== "awaiting";
}

export function readyPending(n: StateNode): Pending[] {
  return n.pending.filter((p) => isReady(p, n.depth));
}

/**
 * Depth fast-forward: when nothing is ready, jump to the earliest deferred ready depth or the next action's
 * ready depth (newest kamera: a quiescent branch below an action's ready depth waits instead of firing early).
 */
export function fastForward(cfg: ExploreConfig, n: StateNode): StateNode {
  if (n.pending.some((p) => isReady(p, n.depth))) return n;
  let target = nextDeferredDepth(n.pending, n.depth);
  const ua = n.userIdx < cfg.actions.length ? cfg.readyDepths.get(n.userIdx) : undefined;
  if (ua !== undefined && ua > n.depth && (target === undefined || ua < target)) target = ua;
  // The fast-forwarded node hangs below `n`, so a cycle back to `n` is still seen as a back-edge (an ancestor)
  // by subtree completion rather than as a diamond, which would drop the looping branch without a terminal state.
  return target === undefined ? n : { ...withChanges(n, { depth: target }), parent: n };
}

/** kamera's shouldExpandPendingOrder gates (DFS only; spec §4.3). */
export function shouldExpand(cfg: ExploreConfig, n: StateNode): boolean {
  if (cfg.search.mode === "monte_carlo" || n.pending.length < 2 || cfg.permute.size === 0) return false;
  const r = cfg.permuteDepthRange;
  if (r && (n.depth < r.min || n.depth > r.max)) return false;
  if (cfg.permuteAfterEvent && !n.permuteTriggered) return false;
  return true;
}

/** Reconciler ids whose entries may move to the front: triggered (or all pending) ∩ permuteControllers. */
export function permutableIds(cfg: ExploreConfig, n: StateNode, triggered: readonly Pending[]): string[] {
  const source = cfg.optimizations.onlyPermuteTriggered ? triggered : n.pending;
  return [...new Set(source.map((p) => p.reconcilerId))].filter((id) => cfg.permute.has(id)).sort();
}

/**
 * Single-level move-to-front (spec §4.3): one variant per ready entry of a permutable reconciler, that entry
 * first, the others in their order. The entry already first would repeat the original order, so it is skipped.
 * With `fifoPerController` (ctrlhunt) only each controller's first ready entry may move: a controller's own
 * work queue stays first in, first out, as in controller-runtime, and only the controllers' queues interleave.
 */
export function orderingVariants(
  n: StateNode,
  ids: readonly string[],
  fifoPerController = false,
): StateNode[] {
  const allowed = new Set(ids);
  const out: StateNode[] = [];
  const firstReady = n.pending.findIndex((p) => isReady(p, n.depth));
  const headSeen = new Set<string>();
  n.pending.forEach((p, i) => {
    if (!allowed.has(p.reconcilerId) || !isReady(p, n.depth)) return;
    if (fifoPerController) {
      if (headSeen.has(p.reconcilerId)) return;
      headSeen.add(p.reconcilerId);
    }
    if (i === firstReady) return;
    out.push(withChanges(n, { pending: [p, ...n.pending.slice(0, i), ...n.pending.slice(i + 1)] }));
  });
  return out;
}
