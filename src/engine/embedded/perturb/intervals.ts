import type { StalenessInterval } from "../../../formats/workflow.ts";
import type { ObjectSet, StaleRead, StateNode, View } from "../state/index.ts";

/**
 * Staleness intervals (spec §5.2), evaluated every time a reconciler observes; no branching.
 * Active iff staleAt ≤ frontier < catchUpAt, and the depth gates hold [inferred: depth ≥ activateAtDepth,
 * depth < deactivateAtDepth]. Frozen (lag −1) pins to freezeAt ?? staleAt; lag N pins to max(frontier−N, staleAt).
 */
export function intervalPins(
  intervals: readonly StalenessInterval[],
  node: Pick<StateNode, "kindSeq" | "depth">,
  reconcilerId: string,
): Map<string, number> {
  const pins = new Map<string, number>();
  for (const iv of intervals) {
    if (iv.reconciler !== reconcilerId) continue;
    const frontier = node.kindSeq[iv.kind] ?? 0;
    if (frontier < iv.staleAt || frontier >= iv.catchUpAt) continue;
    if (iv.activateAtDepth !== undefined && node.depth < iv.activateAtDepth) continue;
    if (iv.deactivateAtDepth !== undefined && node.depth >= iv.deactivateAtDepth) continue;
    const pin = iv.lag === -1 ? (iv.freezeAt ?? iv.staleAt) : Math.max(frontier - iv.lag, iv.staleAt);
    const prev = pins.get(iv.kind);
    pins.set(iv.kind, prev === undefined ? pin : Math.min(prev, pin));
  }
  return pins;
}

/**
 * StalenessInfo (spec §5.4): objects present in both the true state and the stale view, of a stale kind,
 * whose observed version is older than the current one.
 */
export function stalenessInfo(view: View, truth: ObjectSet): StaleRead[] {
  const out: StaleRead[] = [];
  for (const kind of [...view.pins.keys()].sort()) {
    for (const seen of view.list(kind).sort((a, b) => (a.keyStr < b.keyStr ? -1 : 1))) {
      const cur = truth.get(kind, seen.keyStr);
      if (!cur || cur.hash === seen.hash || cur.rv <= seen.rv) continue;
      out.push({ Key: seen.keyStr, ObservedRV: seen.rv, CurrentRV: cur.rv, Lag: cur.rv - seen.rv });
    }
  }
  return out;
}
