import { armedFault } from "../perturb/faults.ts";
import { type Pending, pendingId, type StateNode } from "../state/index.ts";
import { idleSignature, pinsFor, pinsSignature, type ReadKey, type StepEnv } from "../step/index.ts";

/**
 * Known no-op reconciles keyed by what the reconcile saw (observed contents, request, stale pins, armed fault).
 * Feeds early convergence and the optional no-op ordering skip. Assumes reconcilers are deterministic in
 * their view (ctx.now() aside).
 */
export function knownNoOps(env: StepEnv) {
  const table = new Map<string, boolean>();
  // Idle reconciles: the read sequences each request's pure no-ops made, and the signatures seen idle.
  const readSets = new Map<string, Map<string, readonly ReadKey[]>>();
  const idle = new Set<string>();
  const isOwnNoOp = (n: StateNode, p: Pending): boolean => {
    const sets = readSets.get(p.id);
    if (!sets) return false;
    for (const reads of sets.values()) {
      const sig = idleSignature(env, n, p, reads);
      if (sig !== undefined && idle.has(sig)) return true;
    }
    return false;
  };
  const keyOf = (n: StateNode, p: Pending) =>
    `${n.objects.fingerprint}|${pendingId(p)}|${pinsSignature(pinsFor(env, n, p.reconcilerId))}|${armedFault(env.cfg.faults, n, p.reconcilerId) ? 1 : 0}`;
  return {
    record(viewKey: string, pureNoOp: boolean): void {
      table.set(viewKey, pureNoOp);
    },
    /** A pure no-op of `p` at `n` that read exactly `reads`: idle wherever they are unchanged. */
    recordIdle(n: StateNode, p: Pending, reads: readonly ReadKey[] | undefined): void {
      if (!reads) return;
      const sig = idleSignature(env, n, p, reads);
      if (sig === undefined) return;
      idle.add(sig);
      const sets = readSets.get(p.id) ?? new Map<string, readonly ReadKey[]>();
      readSets.set(p.id, sets);
      sets.set(reads.map((r) => `${r.kind}/${r.keyStr}`).join("|"), reads);
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
