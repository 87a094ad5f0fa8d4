import { catchUpDue, catchUpPending, caughtUpNode } from "../perturb/catch-up.ts";
import { restartDue, restartNode } from "../perturb/restart.ts";
import type { StateNode } from "../state/index.ts";
import { reconcileStep, runUserAction } from "../step/index.ts";
import type { SearchState } from "./context.ts";
import { possibleViews } from "./legacy-views.ts";
import { retriedNode, retriesDue } from "./retries.ts";
import type { Rng } from "./rng.ts";
import { fastForward, isTerminalConverged, readyPending, shouldApplyUserAction } from "./scheduling.ts";

/**
 * One Monte Carlo trial (spec §4.5): a single path from the root; the next reconcile is drawn uniformly among
 * the ready pending entries (a legacy stale view likewise); no ordering or stale-view fan-out.
 */
export async function exploreMonteCarlo(st: SearchState, root: StateNode, rng: Rng): Promise<void> {
  const { env } = st;
  const cfg = env.cfg;
  let cur = root;
  st.fork();
  for (;;) {
    if (st.shouldStop()) return;
    st.visit(cur);
    if (restartDue(cur)) {
      cur = restartNode(env, cur);
      st.crashed(); // the whole manager restarted: every controller's in-memory state is reset
      continue;
    }
    if (shouldApplyUserAction(cfg, cur) || shouldApplyUserAction(cfg, fastForward(cfg, cur))) {
      const at = shouldApplyUserAction(cfg, cur) ? cur : fastForward(cfg, cur);
      const out = runUserAction(env, at, cfg.actions[at.userIdx]);
      if (!out.ok) return st.abort(at, out.error);
      cur = out.child;
      continue;
    }
    const node = fastForward(cfg, cur);
    if (isTerminalConverged(cfg, node) && catchUpDue(env, node)) {
      cur = caughtUpNode(node, catchUpPending(env, node)); // the caches catch up before the trial may end
      continue;
    }
    const retries = isTerminalConverged(cfg, node) ? retriesDue(node) : [];
    if (retries.length > 0) {
      cur = retriedNode(node, retries); // failed reconciles retry on the changed world before the trial may end
      continue;
    }
    if (isTerminalConverged(cfg, node)) return st.emitConverged(node);
    const ready = readyPending(node);
    if (ready.length === 0) return st.abort(node, "select pending reconcile: no ready pending reconcile");
    const pr = ready.length === 1 ? ready[0] : ready[rng.int(ready.length)];
    const views = possibleViews(env, node, pr, st.stats);
    const view = views.length === 1 ? views[0] : views[rng.int(views.length)];
    const out = await reconcileStep(env, view, pr);
    st.stats.TotalReconcileSteps++;
    if (out.step.noOp) st.stats.NoOpReconciles++;
    if (out.crashed) st.crashed();
    if (out.child.depth > cfg.maxDepth) return st.abort(out.child, "max depth reached");
    cur = out.child;
  }
}
