import { armedFault } from "../perturb/faults.ts";
import { type Pending, pendingId, type StateNode } from "../state/index.ts";
import { pinsFor, pinsSignature, type StepEnv } from "../step/index.ts";

/**
 * Known no-op reconciles keyed by what the reconcile saw (observed contents, request, stale pins, armed fault).
 * Feeds early convergence and the optional no-op ordering skip. Assumes reconcilers are deterministic in
 * their view (ctx.now() aside).
 */
export function knownNoOps(env: StepEnv) {
  const table = new Map<string, boolean>();
  const keyOf = (n: StateNode, p: Pending) =>
    `${n.objects.fingerprint}|${pendingId(p)}|${pinsSignature(pinsFor(env, n, p.reconcilerId))}|${armedFault(env.cfg.faults, n, p.reconcilerId) ? 1 : 0}`;
  return {
    record(viewKey: string, pureNoOp: boolean): void {
      table.set(viewKey, pureNoOp);
    },
    frontIsNoOp(n: StateNode): boolean {
      return n.pending.length > 0 && table.get(keyOf(n, n.pending[0])) === true;
    },
    allPendingNoOp(n: StateNode): boolean {
      return n.pending.every((p) => table.get(keyOf(n, p)) === true);
    },
  };
}
