import type { Dump } from "../formats/dump.ts";
import { type RunMetrics, summarizeDumpMetrics } from "../formats/run-record.ts";
import { invocationOf, outcomeOf, pathsOf, phaseOf, scenarioOf, statesOf, writesOf } from "./dump-model.ts";
import { convergenceVerdict, type LoopEvidence, type Verdict } from "./verdict.ts";

/**
 * `analyze metrics`: kamera's campaign metrics per invocation and phase, streamed (one dump at a time, only sums
 * and per-controller counters kept), each row with its Phase E verdict.
 */

export interface MetricsRow extends RunMetrics {
  invocationId: string;
  phase: string;
  scenarios: string[];
  dumps: number;
  dumpsWithoutCampaignMetrics: number;
  cyclingRatio: number | null;
  verdict: Verdict;
  loop: LoopEvidence;
}

export interface MetricsResult {
  rows: MetricsRow[];
  /** Dumps without `attributes.invocation_id` (kamera's campaign-metrics skips them; here they form row ""). */
  dumpsWithoutInvocationId: number;
}

interface Group {
  invocationId: string;
  phase: string;
  scenarios: Set<string>;
  dumps: number;
  noMetrics: number;
  m: RunMetrics;
  loop: LoopEvidence;
  abortErrors: Map<string, number>;
}

const bump = (m: Record<string, number>, k: string, n = 1) => {
  m[k] = (m[k] ?? 0) + n;
};

export interface MetricsAccumulator {
  add(dump: Dump): void;
  result(opts?: { maxDepthOf?: (scenario: string) => number | undefined }): MetricsResult;
}

export function metricsAccumulator(): MetricsAccumulator {
  const groups = new Map<string, Group>();
  let noInvocation = 0;
  return {
    add(dump) {
      const invocationId = invocationOf(dump) ?? "";
      if (invocationId === "") noInvocation++;
      const phase = phaseOf(dump);
      const id = `${invocationId}\u0000${phase}`;
      let g = groups.get(id);
      if (!g) {
        const loop = { writes: {}, statusWrites: {}, errors: {} };
        const m = summarizeDumpMetrics([]);
        g = {
          invocationId,
          phase,
          scenarios: new Set(),
          dumps: 0,
          noMetrics: 0,
          m,
          loop,
          abortErrors: new Map(),
        };
        groups.set(id, g);
      }
      g.dumps++;
      if (!dump.campaignMetrics) g.noMetrics++;
      if (scenarioOf(dump)) g.scenarios.add(scenarioOf(dump));
      const one = summarizeDumpMetrics([dump]);
      for (const k of Object.keys(one) as Array<keyof RunMetrics>) (g.m[k] as number) += one[k] as number;
      for (const s of statesOf(dump)) {
        if (outcomeOf(s) === "converged") continue;
        if (outcomeOf(s) === "aborted")
          g.abortErrors.set(s.error ?? "", (g.abortErrors.get(s.error ?? "") ?? 0) + 1);
        for (const path of pathsOf(s)) {
          for (const step of path) {
            if (step.controllerId === "External User") continue;
            if (step.error) bump(g.loop.errors, step.controllerId);
            const writes = writesOf(step);
            if (writes.length) bump(g.loop.writes, step.controllerId, writes.length);
            const status = writes.filter((w) => w.subresource === "status").length;
            if (status) bump(g.loop.statusWrites, step.controllerId, status);
          }
        }
      }
    },
    result(opts = {}) {
      const rows = [...groups.values()]
        .sort((a, b) =>
          a.invocationId !== b.invocationId
            ? a.invocationId < b.invocationId
              ? -1
              : 1
            : a.phase < b.phase
              ? -1
              : 1,
        )
        .map((g): MetricsRow => {
          const topError = [...g.abortErrors.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
          const loop = { ...g.loop, ...(topError ? { topError } : {}) };
          const depths = new Set(
            [...g.scenarios].map((s) => opts.maxDepthOf?.(s)).filter((d) => d !== undefined),
          );
          const maxDepth = depths.size === 1 ? [...depths][0] : undefined;
          const verdict = convergenceVerdict(g.m, loop, { maxDepth });
          return {
            invocationId: g.invocationId,
            phase: g.phase,
            scenarios: [...g.scenarios].sort(),
            dumps: g.dumps,
            dumpsWithoutCampaignMetrics: g.noMetrics,
            ...g.m,
            cyclingRatio: verdict.cyclingRatio,
            verdict,
            loop,
          };
        });
      return { rows, dumpsWithoutInvocationId: noInvocation };
    },
  };
}

/** All-in-memory convenience over the accumulator. */
export function computeMetrics(
  dumps: Iterable<Dump>,
  opts?: { maxDepthOf?: (scenario: string) => number | undefined },
): MetricsResult {
  const acc = metricsAccumulator();
  for (const d of dumps) acc.add(d);
  return acc.result(opts);
}
