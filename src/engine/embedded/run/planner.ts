import type { Dump, DumpStep } from "../../../formats/dump.ts";
import { keyKind } from "../../../formats/dump.ts";
import { CLEANUP_ID, GC_ID, USER_ID } from "../step/index.ts";
import type { PhasePlan } from "./plans.ts";

/**
 * The closed-loop planner (spec §5.6), reading the reference dump: user-action interleavings when there are
 * ≥ 2 inputs, else one ordering `rerun`; then staleness-interval phases for observed (controller, kind) reads.
 */

function firstConvergedPath(ref: Dump): DumpStep[] | undefined {
  const s = (ref.states ?? []).find((x) => !x.error);
  return s?.paths?.find((p) => p !== null) ?? undefined;
}

/** `interleave_action_<i>_depth_<d>`: every depth strictly between action i−1 and action i (or i's own depth). */
export function interleavePlans(ref: Dump, actionCount: number): PhasePlan[] {
  const path = firstConvergedPath(ref);
  if (!path || actionCount < 2) return [];
  const depthOf = new Map<number, number>();
  path.forEach((s, k) => {
    const idx = s.stepMetadata?.["userAction.index"];
    if (idx !== undefined && !depthOf.has(Number(idx))) depthOf.set(Number(idx), k);
  });
  const plans: PhasePlan[] = [];
  for (let i = 1; i < actionCount; i++) {
    const prev = depthOf.get(i - 1);
    const cur = depthOf.get(i);
    if (prev === undefined || cur === undefined) return []; // an action never fired: no reruns
    const depths: number[] = [];
    for (let d = prev + 1; d < cur; d++) depths.push(d);
    if (depths.length === 0) depths.push(cur);
    for (const d of depths) {
      plans.push({
        name: `interleave_action_${i}_depth_${d}`,
        transform: { kind: "interleave", actionIndex: i, depth: d },
        attributes: {
          "perturbation.strategy": "user_action_interleaving",
          "perturbation.action_index": String(i),
          "perturbation.target_depth": String(d),
          "perturbation.reference_prev_depth": String(prev),
          "perturbation.reference_action_depth": String(cur),
        },
      });
    }
  }
  return plans;
}

/** `rerun`: ordering permutation for every controller seen in any reference path (External User excluded). */
export function rerunPlan(ref: Dump): PhasePlan | undefined {
  const seen = new Set<string>();
  for (const s of ref.states ?? [])
    for (const p of s.paths ?? []) for (const step of p ?? []) seen.add(step.controllerId);
  seen.delete(USER_ID);
  if (seen.size === 0) return undefined;
  return { name: "rerun", transform: { kind: "rerun", permute: [...seen].sort() }, attributes: {} };
}

/**
 * Staleness windows [inferred, bounded]: for each (controller, kind) read on the first converged path and each
 * write j of that kind, one window that hides exactly write j+1 (staleAt = f_j, catchUpAt = f_{j+1}+1) and one
 * that stays stale to the end (catchUpAt = maxSeq+1). Pairs are interleaved round-robin and capped at `max`.
 */
export function stalenessPlans(ref: Dump, max: number): PhasePlan[] {
  const path = firstConvergedPath(ref);
  if (!path || max <= 0) return [];
  const pairs = new Map<string, { reconciler: string; kind: string }>();
  const frontiers = new Map<string, Set<number>>();
  const controllers = new Set<string>();
  const atStart = path[0]?.kindSeqBefore ?? {};
  for (const s of path) {
    for (const [kind, seq] of Object.entries({ ...(s.kindSeqBefore ?? {}), ...(s.kindSeqAfter ?? {}) })) {
      const f = frontiers.get(kind) ?? new Set<number>();
      f.add(seq);
      frontiers.set(kind, f);
    }
    if ([USER_ID, CLEANUP_ID, GC_ID].includes(s.controllerId)) continue;
    controllers.add(s.controllerId);
    for (const o of s.changes?.observations ?? []) {
      const kind = keyKind(o.Key);
      pairs.set(`${s.controllerId}\u0000${kind}`, { reconciler: s.controllerId, kind });
    }
  }
  const permute = [...controllers].sort();
  const perPair = [...pairs.values()]
    .sort((a, b) => (a.reconciler + a.kind < b.reconciler + b.kind ? -1 : 1))
    .map(({ reconciler, kind }) => {
      const seqs = new Set(frontiers.get(kind) ?? []);
      if (atStart[kind] === undefined) seqs.add(0); // absent at the start: also hide its creation
      const f = [...seqs].sort((a, b) => a - b);
      const maxSeq = f.length ? f[f.length - 1] : 0;
      const windows: Array<[number, number]> = [];
      for (let j = 0; j + 1 < f.length; j++) {
        windows.push([f[j], f[j + 1] + 1]);
        if (f[j + 1] + 1 !== maxSeq + 1) windows.push([f[j], maxSeq + 1]);
      }
      return windows.map(
        ([staleAt, catchUpAt]): PhasePlan => ({
          name: `staleness_${reconciler}_${kind}_${staleAt}_${catchUpAt}`,
          transform: { kind: "staleness", reconciler, staleKind: kind, staleAt, catchUpAt, permute },
          attributes: {
            "perturbation.strategy": "staleness_interval",
            "perturbation.reconciler": reconciler,
            "perturbation.kind": kind,
            "perturbation.stale_at": String(staleAt),
            "perturbation.catch_up_at": String(catchUpAt),
          },
        }),
      );
    });
  const out: PhasePlan[] = [];
  for (let round = 0; out.length < max && perPair.some((w) => w.length > round); round++) {
    for (const w of perPair) if (w[round] && out.length < max) out.push(w[round]);
  }
  return out;
}

/** Every phase after the reference, in run order. */
export function planClosedLoop(ref: Dump, actionCount: number, maxStaleness: number): PhasePlan[] {
  const interleave = interleavePlans(ref, actionCount);
  const first =
    actionCount >= 2 ? interleave : [rerunPlan(ref)].filter((p): p is PhasePlan => p !== undefined);
  return [...first, ...stalenessPlans(ref, maxStaleness)];
}
