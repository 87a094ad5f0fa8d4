import { catchUpDue, catchUpPending, caughtUpNode } from "../perturb/catch-up.ts";
import { awaitingRestart, restartDue, restartNode } from "../perturb/restart.ts";
import { idleBlindOrderKey, nodeKey, orderKey, type Pending, type StateNode } from "../state/index.ts";
import { reconcileStep, runUserAction } from "../step/index.ts";
import type { SearchState } from "./context.ts";
import { possibleViews } from "./legacy-views.ts";
import { retriedNode, retriesDue } from "./retries.ts";
import { knownNoOps } from "./noop-cache.ts";
import {
  fastForward,
  isTerminalConverged,
  orderingVariants,
  permutableIds,
  readyPending,
  shouldApplyUserAction,
  shouldExpand,
} from "./scheduling.ts";

type StackEntry =
  | { node: StateNode; staleFor?: Pending; marker?: undefined }
  | { marker: string; stale: boolean; node?: undefined };

/**
 * Depth-first exploration with completion markers (spec §4.2). The unpermuted child is pushed last so it runs
 * first; ordering variants run after its subtree. Optimisations are individually switchable (config).
 */
export async function exploreDfs(st: SearchState, root: StateNode): Promise<void> {
  const { env } = st;
  const cfg = env.cfg;
  const opt = cfg.optimizations;
  const stack: StackEntry[] = [];
  const done = new Set<string>();
  const inProgress = new Set<string>();
  const expanded = new Set<string>();
  const completedPaths = new Set<string>();
  const noOps = knownNoOps(env);
  // Under the idle-reconcile heuristic, where an idle reconcile waits in the queue is not part of the state.
  const logical = opt.ownNoOpOrderingSkip
    ? (n: StateNode) => idleBlindOrderKey(n, env.keyCfg, (p) => noOps.isOwnNoOp(n, p))
    : (n: StateNode) => orderKey(n, env.keyCfg);

  const isAncestor = (n: StateNode, key: string): boolean => {
    for (let a = n.parent; a; a = a.parent) if (logical(a) === key) return true;
    return false;
  };

  const enqueueStates = (states: StateNode[], staleFor?: Pending) => {
    if (!opt.subtreeCompletion) {
      for (const n of states) stack.push({ node: n, staleFor });
      return;
    }
    const groups = new Map<string, StateNode[]>();
    for (const n of states) {
      const k = staleFor ? `${logical(n)}#stale:${staleFor.reconcilerId}` : logical(n);
      const g = groups.get(k);
      if (g) g.push(n);
      else groups.set(k, [n]);
    }
    for (const [key, group] of groups) {
      if (done.has(key)) {
        if (staleFor) st.stats.StaleViewCompletionSkips++;
        else st.stats.SubtreeCompletionSkips++;
        continue;
      }
      if (inProgress.has(key)) {
        if (!isAncestor(group[0], key)) {
          st.stats.SubtreeDiamondSkips++;
          continue;
        }
        for (const n of group) stack.push({ node: n, staleFor });
        continue;
      }
      inProgress.add(key);
      stack.push({ marker: key, stale: staleFor !== undefined });
      for (const n of group) stack.push({ node: n, staleFor });
    }
  };

  const enqueueNext = (child: StateNode, triggered: readonly Pending[]) => {
    if (
      opt.completedPathDedup &&
      completedPaths.has(`${nodeKey(child, env.keyCfg)}#${child.history?.uniqueKey}`)
    ) {
      st.stats.SkippedPaths++;
      return;
    }
    const toPush: StateNode[] = [];
    if (shouldExpand(cfg, child)) {
      const ids = permutableIds(cfg, child, triggered);
      if (ids.length > 0) {
        const bkey = `${orderKey(child, env.keyCfg)}|${ids.join(",")}`;
        if (opt.orderingPruning && expanded.has(bkey)) st.stats.SkippedOrderExpansions++;
        else {
          for (const v of orderingVariants(child, ids, cfg.fifoPerController)) {
            if (opt.noOpOrderingSkip && noOps.frontIsNoOp(v)) st.stats.SkippedNoOpOrderings++;
            else if (opt.ownNoOpOrderingSkip && noOps.frontIsOwnNoOp(v)) st.stats.SkippedNoOpOrderings++;
            else toPush.push(v);
          }
          if (opt.orderingPruning) expanded.add(bkey);
        }
      }
    }
    toPush.push(child);
    enqueueStates(toPush);
  };

  const runStep = async (view: StateNode, pr: Pending, popped: StateNode) => {
    st.beforeStep(popped);
    const out = await reconcileStep(env, view, pr);
    st.stats.TotalReconcileSteps++;
    if (out.step.noOp) st.stats.NoOpReconciles++;
    if (out.crashed) st.crashed();
    noOps.record(out.viewKey, out.pureNoOp);
    noOps.recordIdle(view, pr, out.idleReads);
    st.lastProduced = out.child;
    if (out.child.depth > cfg.maxDepth) st.abort(out.child, "max depth reached");
    else enqueueNext(out.child, out.triggered);
  };

  const applyAction = (cur: StateNode, popped: StateNode) => {
    st.beforeStep(popped);
    const out = runUserAction(env, cur, cfg.actions[cur.userIdx]);
    if (!out.ok) return st.abort(cur, out.error);
    st.lastProduced = out.child;
    enqueueNext(out.child, out.triggered);
  };

  /** A node transition that is not a step (catch-up, retries due): `next` replaces `popped`, its work is new. */
  const transition = (popped: StateNode, next: StateNode, delivered: readonly Pending[]) => {
    st.beforeStep(popped);
    st.lastProduced = next;
    enqueueNext(next, delivered);
  };

  /** The manager restarts (ctrlhunt extension): a node transition, not a step; the resync is new work. */
  const restartBranch = (popped: StateNode) => {
    st.beforeStep(popped);
    const next = restartNode(env, popped);
    st.crashed();
    st.lastProduced = next;
    enqueueNext(next, next.pending);
  };

  enqueueNext(root, root.pending);
  while (stack.length > 0) {
    if (st.shouldStop()) return;
    const e = stack.pop() as StackEntry;
    if (e.marker !== undefined) {
      inProgress.delete(e.marker);
      done.add(e.marker);
      continue;
    }
    const popped = e.node;
    if (opt.subtreeCompletion && !e.staleFor && done.has(logical(popped))) {
      st.stats.SubtreeCompletionSkips++;
      continue;
    }
    if (
      opt.earlyConvergence &&
      popped.userIdx >= cfg.actions.length &&
      !awaitingRestart(popped) &&
      st.convergedContents.has(popped.objects.fingerprint) &&
      noOps.allPendingNoOp(popped)
    ) {
      st.stats.EarlyConvergence++;
      continue;
    }
    st.visit(popped);
    if (e.staleFor) {
      await runStep(popped, e.staleFor, popped);
      continue;
    }
    if (restartDue(popped)) {
      restartBranch(popped);
      continue;
    }
    if (shouldApplyUserAction(cfg, popped)) {
      applyAction(popped, popped);
      continue;
    }
    const cur = fastForward(cfg, popped);
    if (cur !== popped && shouldApplyUserAction(cfg, cur)) {
      applyAction(cur, popped);
      continue;
    }
    if (isTerminalConverged(cfg, cur) && catchUpDue(env, cur)) {
      // The caches catch up before the branch may end (ctrlhunt extension): a node transition, not a step.
      const delivered = catchUpPending(env, cur);
      transition(popped, caughtUpNode(cur, delivered), delivered);
      continue;
    }
    const retries = isTerminalConverged(cfg, cur) ? retriesDue(cur) : [];
    if (retries.length > 0) {
      // Failed reconciles retry on the changed world before the branch may end (ctrlhunt extension).
      transition(popped, retriedNode(cur, retries), retries);
      continue;
    }
    if (isTerminalConverged(cfg, cur)) {
      if (opt.completedPathDedup) completedPaths.add(`${nodeKey(cur, env.keyCfg)}#${cur.history?.uniqueKey}`);
      st.emitConverged(cur);
      continue;
    }
    const pr = readyPending(cur)[0];
    if (!pr) {
      st.abort(cur, "select pending reconcile: no ready pending reconcile");
      continue;
    }
    const views = possibleViews(env, cur, pr, st.stats);
    if (views.length > 1) {
      enqueueStates(views, pr);
      continue;
    }
    await runStep(views[0], pr, popped);
  }
}
