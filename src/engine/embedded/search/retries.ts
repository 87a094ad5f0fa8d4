import { makePending, mergePending, type Pending, type StateNode } from "../state/index.ts";

/**
 * Retries before a branch ends (ctrlhunt extension). kamera lets a branch converge while a failed reconcile is
 * still queued for retry (a Requeue never blocks convergence), so a reconcile that failed on a transient condition
 * ("repository not ready yet") leaves the branch stuck even after another controller fixed the condition.
 * controller-runtime retries every returned error with backoff, so the retry would run on the changed world. Here a
 * queued retry whose failure ran on a different world than the one the branch would end in runs again first. A
 * retry of a reconcile that failed on the very world the branch ends in would fail the same way: the branch ends.
 */

/** The queued retries of failed reconciles whose failure ran on a world that has changed since. */
export function retriesDue(n: StateNode): Pending[] {
  const out: Pending[] = [];
  for (const p of n.pending) {
    if (p.source !== "Requeue") continue;
    for (let h = n.history; h; h = h.prev) {
      const s = h.step;
      if (
        s.controllerId !== p.reconcilerId ||
        s.request.namespace !== p.namespace ||
        s.request.name !== p.name
      )
        continue;
      if (s.error !== undefined && s.after.fingerprint !== n.objects.fingerprint)
        out.push(makePending(p.reconcilerId, p.namespace, p.name, "State Change"));
      break;
    }
  }
  return out;
}

/** The node with the due retries queued as blocking work (a delivered entry replaces the queued Requeue). */
export function retriedNode(n: StateNode, due: readonly Pending[]): StateNode {
  return { ...n, pending: mergePending(n.pending, null, due), parent: n, memo: undefined };
}
