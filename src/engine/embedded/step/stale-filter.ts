import type { EffectRecord, Pending, StateNode } from "../state/index.ts";
import type { StepEnv } from "./env.ts";
import { pinsFor } from "./pins.ts";

/**
 * Trigger filtering while stale (spec §5.3): a State Change entry for a reconciler that is stale (as of the
 * pre-step node) survives only if the step changed some kind the reconciler depends on and is not stale on.
 * Dependencies are for + owns + watches + reads kinds (our ResourceDeps).
 */
export function filterStaleTriggers(
  env: StepEnv,
  node: StateNode,
  triggered: readonly Pending[],
  effects: readonly EffectRecord[],
): Pending[] {
  if (env.cfg.intervals.length === 0 && env.cfg.staleReads.size === 0) return [...triggered];
  const changedKinds = new Set(effects.map((e) => e.entry.kind));
  const verdict = new Map<string, boolean>();
  const keep = (rid: string): boolean => {
    const cached = verdict.get(rid);
    if (cached !== undefined) return cached;
    const stale = pinsFor(env, node, rid);
    const deps = env.reg.deps.get(rid);
    const ok = stale.size === 0 || [...changedKinds].some((k) => !stale.has(k) && (deps?.has(k) ?? false));
    verdict.set(rid, ok);
    return ok;
  };
  return triggered.filter((p) => p.source !== "State Change" || keep(p.reconcilerId));
}
