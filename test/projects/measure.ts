/**
 * State counts per bundled target: reference, exhaustive ordering DFS (every controller permuted) and the
 * hand-written perturbation that exposes the bug, for the buggy project and its clean control.
 * Run: npm run measure:projects  (a few minutes on 2 cores; the unoptimised search is capped).
 */
import { ALL_OPTIMIZATIONS, type ExploreOutput, NO_OPTIMIZATIONS } from "../../src/engine/index.ts";
import { allTerminals, explore, histogram } from "./harness.ts";
import { PLANS, referenceDump } from "./perturbations.ts";

const CAP_MS = Number(process.env.CAP_MS ?? 30_000);

interface Row {
  label: string;
  visits: number;
  terminals: number;
  ms: number;
  capped: boolean;
}

async function measure(label: string, run: () => Promise<ExploreOutput[]>): Promise<Row> {
  const t0 = performance.now();
  const outs = await run();
  const visits = outs.reduce((n, o) => n + (o.dump.campaignMetrics?.totalNodeVisits ?? 0), 0);
  const ms = Math.round(performance.now() - t0);
  return {
    label,
    visits,
    terminals: histogram(allTerminals(outs)).size,
    ms,
    capped: outs.some((o) => o.timedOut),
  };
}

const fmt = (r: Row) =>
  `  ${r.label.padEnd(64)} ${String(r.visits).padStart(9)} visits ${String(r.terminals).padStart(3)} terminal ${String(r.ms).padStart(7)} ms${r.capped ? " (capped)" : ""}`;

for (const plan of PLANS) {
  const ref = await referenceDump(plan);
  for (const project of [plan.project, plan.fixed].filter((p): p is string => p !== undefined)) {
    console.log(`${project} — ${plan.scenario}`);
    const rows: Row[] = [
      await measure("reference", () => explore(project, plan.scenario, { mode: "reference" })),
    ];
    const exhaustive = { permuteControllers: plan.controllers };
    rows.push(
      await measure("exhaustive DFS, all controllers permuted", () =>
        explore(project, plan.scenario, { tuning: exhaustive, optimizations: ALL_OPTIMIZATIONS }),
      ),
    );
    rows.push(
      await measure("exhaustive DFS, all permuted, no optimisations", () =>
        explore(project, plan.scenario, {
          tuning: exhaustive,
          optimizations: NO_OPTIMIZATIONS,
          timeoutMs: CAP_MS,
        }),
      ),
    );
    for (const p of plan.perturbations) {
      rows.push(await measure(p.label, () => explore(project, plan.scenario, { tuning: p.tuning(ref) })));
    }
    for (const r of rows) console.log(fmt(r));
    const best = Math.min(...rows.slice(3).map((r) => r.visits));
    console.log(
      `  ratio exhaustive/targeted: ${(rows[1].visits / best).toFixed(1)}× optimised, ${(rows[2].visits / best).toFixed(1)}× unoptimised${rows[2].capped ? " (cap)" : ""}\n`,
    );
  }
}
