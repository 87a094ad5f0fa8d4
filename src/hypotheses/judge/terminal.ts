import type { MaskSpec } from "../../analysis/index.ts";
import { outcomeOf, statesOf } from "../../analysis/index.ts";
import { computeStates, type StatesResult } from "../../analysis/index.ts";
import type { LoadedDump } from "./types.ts";

/** The same dumps with only their converged terminal states (outcome groups compare like with like). */
export function convergedOnly(dumps: readonly LoadedDump[]): LoadedDump[] {
  return dumps.map(({ id, dump }) => ({
    id,
    dump: { ...dump, states: statesOf(dump).filter((s) => outcomeOf(s) === "converged") },
  }));
}

/** Terminal-state groups of the converged states: by kamera contents hash, or by masked hash with a mask. */
export function convergedGroups(dumps: readonly LoadedDump[], mask?: MaskSpec): StatesResult {
  return computeStates(convergedOnly(dumps), mask ? { mask } : {});
}

export function outcomeCounts(dumps: readonly LoadedDump[]): {
  total: number;
  converged: number;
  maxDepth: number;
  aborted: number;
} {
  const c = { total: 0, converged: 0, maxDepth: 0, aborted: 0 };
  for (const { dump } of dumps)
    for (const s of statesOf(dump)) {
      c.total++;
      const o = outcomeOf(s);
      if (o === "converged") c.converged++;
      else if (o === "max-depth") c.maxDepth++;
      else c.aborted++;
    }
  return c;
}

/** Visits ratio (total/unique) summed over the dumps; undefined without campaign metrics. */
export function visitRatio(dumps: readonly LoadedDump[]): number | undefined {
  let total = 0;
  let unique = 0;
  for (const { dump } of dumps) {
    total += dump.campaignMetrics?.totalNodeVisits ?? 0;
    unique += dump.campaignMetrics?.uniqueNodeVisits ?? 0;
  }
  return unique > 0 ? total / unique : undefined;
}
