import { intervalPins } from "../perturb/intervals.ts";
import type { StateNode } from "../state/index.ts";
import type { StepEnv } from "./env.ts";

/**
 * kamera's ObserveAs precedence (spec §1.6): an active staleness interval first, else the reconciler's legacy
 * "stuck" positions, else the true state (no pins). After a manager restart every view is fresh.
 */
export function pinsFor(env: StepEnv, node: StateNode, reconcilerId: string): ReadonlyMap<string, number> {
  if (node.restart?.phase === "restarted") return EMPTY; // the restarted manager's informers listed afresh
  if (node.caughtUp) return EMPTY; // the caches caught up at quiescence
  if (env.cfg.intervals.length > 0) {
    const pins = intervalPins(env.cfg.intervals, node, reconcilerId);
    if (pins.size > 0) return pins;
  }
  const stuck = node.stuck?.get(reconcilerId);
  if (!stuck) return EMPTY;
  const out = new Map<string, number>();
  for (const [kind, seq] of stuck) if (seq < (node.kindSeq[kind] ?? 0)) out.set(kind, seq);
  return out;
}

const EMPTY: ReadonlyMap<string, number> = new Map();

export function pinsSignature(pins: ReadonlyMap<string, number>): string {
  if (pins.size === 0) return "";
  return [...pins]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, s]) => `${k}@${s}`)
    .join(",");
}
