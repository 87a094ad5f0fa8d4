import type { Pending, StateNode } from "../state/index.ts";
import type { StepEnv } from "../step/index.ts";
import type { ExploreStats } from "./stats.ts";

/** Sequences of every event of `kind` in the branch log, ascending. */
function kindSequences(n: StateNode, kind: string): number[] {
  const out: number[] = [];
  for (let e = n.events; e; e = e.prev) if (e.entry.kind === kind) out.push(e.seq);
  return out.reverse();
}

/**
 * Legacy branching staleness (staleReads + staleLookback, spec §5.1): for the reconciler about to run, every
 * combination of its stale kinds' last-N event sequences is a view; the reconciler then stays stuck at the chosen
 * positions for the rest of the branch. Returns [node] when the reconciler has no stale-read config, and after a
 * manager restart.
 */
export function possibleViews(env: StepEnv, n: StateNode, pr: Pending, stats: ExploreStats): StateNode[] {
  const bounds = env.cfg.staleReads.get(pr.reconcilerId);
  if (!bounds || n.restart?.phase === "restarted") return [n]; // a restarted manager reads fresh
  const deps = env.reg.deps.get(pr.reconcilerId);
  const kinds = [...bounds.keys()].filter((k) => deps?.has(k)).sort();
  let combos: Array<Array<[string, number]>> = [[]];
  for (const kind of kinds) {
    const seqs = kindSequences(n, kind);
    const look = bounds.get(kind) ?? 1;
    const choices = look > 0 ? seqs.slice(-look) : seqs;
    if (choices.length === 0) continue;
    combos = combos.flatMap((c) => choices.map((s) => [...c, [kind, s] as [string, number]]));
  }
  if (combos.length > 1) {
    stats.RestartsPerReconciler[pr.reconcilerId] = (stats.RestartsPerReconciler[pr.reconcilerId] ?? 0) + 1;
  }
  return combos.map((c) => {
    const stuck = new Map(n.stuck ?? []);
    stuck.set(pr.reconcilerId, new Map(c));
    return { ...n, stuck, memo: undefined };
  });
}
