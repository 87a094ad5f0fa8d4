import path from "node:path";
import { computeMetrics, computeStates } from "../../../analysis/index.ts";
import type { RunRecord } from "../../../formats/run-record.ts";
import { loadRunDumps } from "../../../hypotheses/index.ts";
import { readWorkflowFile } from "../../../scenario/index.ts";
import { proposeInvariantsInWorkspace } from "../../invariants/index.ts";
import type { HuntContext, PhaseStep } from "../context.ts";
import { type BaseScenario, baseScenarios, recordedRun } from "./explore.ts";
import { recordReferenceFindings } from "./reference-findings.ts";

/** The latest recorded runs of every base scenario, per mode (what analyze and the planner read). */
export function baseRuns(ctx: HuntContext): Array<{ scenario: BaseScenario; run: RunRecord }> {
  return baseScenarios(ctx.root, ctx.project).flatMap((s) =>
    (["reference", "exploration"] as const).flatMap((mode) => {
      const run = recordedRun(ctx, s, mode);
      return run ? [{ scenario: s, run }] : [];
    }),
  );
}

/** Phase E–G: convergence verdict, terminal-state groups and next action per recorded base run. */
export const analyzeStep: PhaseStep = async (ctx) => {
  const summary: string[] = [];
  const runs = baseRuns(ctx);
  for (const { scenario, run } of runs) {
    const dumps = loadRunDumps(ctx.root, run, scenario.name);
    const maxDepth = readWorkflowFile(path.resolve(ctx.root, scenario.file)).find(
      (s) => s.name === scenario.name,
    )?.tuning?.maxDepth;
    const metrics = computeMetrics(
      dumps.map((d) => d.dump),
      { maxDepthOf: () => maxDepth ?? undefined },
    );
    const states = computeStates(dumps);
    for (const row of metrics.rows) {
      const groups = states.groups.map((g) => `${g.key}×${g.count}`).join(", ");
      summary.push(
        `${scenario.name} (${run.mode}, ${run.runId}): ${row.verdict.summary}; next: ${row.verdict.next}; ${states.groups.length} terminal group(s): ${groups}`,
      );
    }
  }
  summary.push(...(await recordReferenceFindings(ctx, runs)));
  // Proposals only: nothing judges with them until a person accepts one (`ctrlhunt invariant accept`).
  const inv = proposeInvariantsInWorkspace(ctx);
  summary.push(
    `invariants: ${inv.added.length} new proposal(s) from ${inv.states} converged reference state(s) (${inv.proposed} in all)`,
  );
  return { summary, outputs: inv.added.map((r) => `evidence/${ctx.project}/invariants/${r.id}.yaml`) };
};
