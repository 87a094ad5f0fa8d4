import {
  type EffectRecord,
  makePending,
  mergePending,
  type Pending,
  type StateNode,
} from "../state/index.ts";
import type { StepEnv } from "../step/env.ts";
import { triggeredBy } from "../step/triggers.ts";

/**
 * Cache catch-up at quiescence (ctrlhunt extension). A staleness window closes when its kind's sequence reaches
 * catchUpAt; when nothing else would ever write that kind, kamera leaves the reader stale forever, so a branch ends
 * on a cache that a real informer would have brought up to date long ago. Instead, when a branch would converge,
 * every cache catches up: the stale readers re-list the kinds they were stale on, and a reader that *watches* such a
 * kind (for, owns, watches) is enqueued for its objects, as the informer's update events (or its resync) would do.
 * A reader that does not watch the kind gets nothing — the missing-watch bug stays visible. Objects removed while the
 * window was open are delivered too, as the informer's delete events (the last version, so owner references and watch
 * maps still resolve): an owner whose cache lagged behind a Pod's deletion hears of it, as it would in a cluster.
 * Queued retries of failed reconciles run too, now on fresh caches.
 */

/** Due once per branch, when the branch would otherwise converge while a staleness window is configured. */
export function catchUpDue(env: StepEnv, n: StateNode): boolean {
  return env.cfg.intervals.length > 0 && !n.caughtUp && n.restart?.phase !== "restarted";
}

/** The informer events the caught-up caches deliver: each stale reader's own triggers for the kinds it was stale on. */
export function catchUpPending(env: StepEnv, n: StateNode): Pending[] {
  // Queued retries of failed reconciles run once the caches are fresh (their backoff outlasts the lag).
  const out: Pending[] = n.pending
    .filter((p) => p.source === "Requeue")
    .map((p) => makePending(p.reconcilerId, p.namespace, p.name, "State Change"));
  const seen = new Set<string>();
  for (const iv of env.cfg.intervals) {
    const key = `${iv.reconciler}|${iv.kind}`;
    if (seen.has(key) || (n.kindSeq[iv.kind] ?? 0) <= iv.staleAt) continue; // the window never opened
    seen.add(key);
    const effects: EffectRecord[] = [
      ...n.objects.list(iv.kind).map((entry): EffectRecord => ({ op: "UPDATE", entry })),
      ...removedSince(n, iv.kind, iv.staleAt),
    ];
    for (const p of triggeredBy(effects, env.reg, env.store))
      if (p.reconcilerId === iv.reconciler)
        out.push(makePending(p.reconcilerId, p.namespace, p.name, "State Change"));
  }
  return out;
}

/** The last version of each object of `kind` removed after sequence `since` (one delete event per object). */
function removedSince(n: StateNode, kind: string, since: number): EffectRecord[] {
  const out: EffectRecord[] = [];
  const seen = new Set<string>();
  for (let e = n.events; e && e.seq > since; e = e.prev) {
    if (e.op !== "REMOVE" || e.entry.kind !== kind || seen.has(e.entry.keyStr)) continue;
    seen.add(e.entry.keyStr);
    if (!n.objects.get(kind, e.entry.keyStr)) out.push({ op: "REMOVE", entry: e.entry });
  }
  return out;
}

/** Dump context attribute: the staleness windows of this run end at quiescence at the latest. */
export const CATCH_UP_ATTRIBUTE = "ctrlhunt.catchUp";

/** Step metadata on the first reconcile after the catch-up (its queue holds the delivered events). */
export const CAUGHT_UP_KEY = "ctrlhunt.caughtUp";

/** The node after the caches caught up: no stale view for the rest of the branch, the delivered events queued. */
export function caughtUpNode(n: StateNode, delivered: readonly Pending[]): StateNode {
  return {
    ...n,
    // A delivered event replaces a queued retry of the same request (the merge rule of every step).
    pending: mergePending(n.pending, null, delivered),
    caughtUp: "first",
    parent: n,
    memo: undefined,
  };
}
