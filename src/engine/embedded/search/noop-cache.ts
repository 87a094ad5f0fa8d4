import { armedFault } from "../perturb/faults.ts";
import { type Pending, pendingId, type StateNode } from "../state/index.ts";
import { ownNoOpKey, pinsFor, pinsSignature, type StepEnv } from "../step/index.ts";

/**
 * Known no-op reconciles keyed by what the reconcile saw (observed contents, request, stale pins, armed fault).
 * Feeds early convergence and the optional no-op ordering skip. Assumes reconcilers are deterministic in
 * their view (ctx.now() aside).
 */
export function knownNoOps(env: StepEnv) {
  const table = new Map<string, boolean>();
  const ownNoOps = new Set<string>();
  const isOwnNoOp = (n: StateNode, p: Pending): boolean => {
    if (ownNoOps.size === 0) return false;
    const key = ownNoOpKey(env, n, p);
    return key !== undefined && ownNoOps.has(key);
  };
  const keyOf = (n: StateNode, p: Pending) =>
    `${n.objects.fingerprint}|${pendingId(p)}|${pinsSignature(pinsFor(env, n, p.reconcilerId))}|${armedFault(env.cfg.faults, n, p.reconcilerId) ? 1 : 0}`;
  return {
    record(viewKey: string, pureNoOp: boolean): void {
      table.set(viewKey, pureNoOp);
    },
    recordOwn(key: string | undefined): void {
      if (key !== undefined) ownNoOps.add(key);
    },
    /** `p` is known to do nothing at `n` while its own object is as it is now. */
    isOwnNoOp,
    /** The variant's front entry is known to do nothing while its own object is as it is now. */
    frontIsOwnNoOp(n: StateNode): boolean {
      const p = n.pending[0];
      return p !== undefined && isOwnNoOp(n, p);
    },
    frontIsNoOp(n: StateNode): boolean {
      return n.pending.length > 0 && table.get(keyOf(n, n.pending[0])) === true;
    },
    allPendingNoOp(n: StateNode): boolean {
      return n.pending.every((p) => table.get(keyOf(n, p)) === true);
    },
  };
}
