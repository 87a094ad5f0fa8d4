import type { PendingSource } from "../../../formats/dump.ts";
import { cmp } from "./keys.ts";

/** One work-queue entry. `readyAtDepth` 0 = ready now; a positive value defers it until the branch depth reaches it. */
export interface Pending {
  readonly reconcilerId: string;
  readonly namespace: string;
  readonly name: string;
  readonly source: PendingSource;
  readonly readyAtDepth: number;
  /** `reconcilerId:namespace/name` (kamera's pending serialisation), precomputed: keys are built per visit. */
  readonly id: string;
  /** `id#source`: identity including the source (state keys). */
  readonly sid: string;
}

export function makePending(
  reconcilerId: string,
  namespace: string,
  name: string,
  source: PendingSource,
  readyAtDepth = 0,
): Pending {
  const id = `${reconcilerId}:${namespace}/${name}`;
  return { reconcilerId, namespace, name, source, readyAtDepth, id, sid: `${id}#${source}` };
}

/** Sources that do not block convergence (engine spec §1.5). */
const IGNORABLE: ReadonlySet<PendingSource> = new Set(["Requeue", "Async Enqueue", "Stable Requeue After"]);

export function isIgnorable(p: Pending): boolean {
  return IGNORABLE.has(p.source);
}

export function pendingId(p: Pending): string {
  return p.id;
}

export function isReady(p: Pending, depth: number): boolean {
  return p.readyAtDepth <= depth;
}

/** Converged = nothing left that blocks: empty, or only ignorable entries (deferred RequeueAfter blocks). */
export function isQuiescent(pending: readonly Pending[]): boolean {
  return pending.every(isIgnorable);
}

/** Earliest depth at which a deferred entry becomes ready (undefined when nothing is deferred). */
export function nextDeferredDepth(pending: readonly Pending[], depth: number): number | undefined {
  let best: number | undefined;
  for (const p of pending)
    if (p.readyAtDepth > depth && (best === undefined || p.readyAtDepth < best)) best = p.readyAtDepth;
  return best;
}

export function comparePending(a: Pending, b: Pending): number {
  return cmp(a.reconcilerId, b.reconcilerId) || cmp(a.namespace, b.namespace) || cmp(a.name, b.name);
}

/** Dedup by reconciler+request and sort by reconciler, namespace, name (newly triggered work, spec §2). */
export function dedupSorted(entries: Pending[]): Pending[] {
  const seen = new Map<string, Pending>();
  for (const e of entries) if (!seen.has(e.id)) seen.set(e.id, e);
  return [...seen.values()].sort(comparePending);
}

/**
 * kamera's determineNewPendingReconciles merge (spec §3.4): old work first (minus the consumed entry), then new.
 * A duplicate keeps the first position; a later State Change entry replaces a non-State-Change winner.
 */
export function mergePending(
  old: readonly Pending[],
  consumed: Pending | null,
  added: readonly Pending[],
): Pending[] {
  const out: Pending[] = [];
  const at = new Map<string, number>();
  let dropped = false;
  const push = (p: Pending) => {
    const i = at.get(p.id);
    if (i === undefined) {
      at.set(p.id, out.length);
      out.push(p);
    } else if (p.source === "State Change" && out[i].source !== "State Change") out[i] = p;
  };
  for (const p of old) {
    if (!dropped && consumed && samePending(p, consumed)) {
      dropped = true;
      continue;
    }
    push(p);
  }
  for (const p of added) push(p);
  return out;
}

export function samePending(a: Pending, b: Pending): boolean {
  return (
    a.reconcilerId === b.reconcilerId &&
    a.namespace === b.namespace &&
    a.name === b.name &&
    a.source === b.source &&
    a.readyAtDepth === b.readyAtDepth
  );
}
