import fs from "node:fs";
import path from "node:path";
import { formatReconcileError } from "../../../formats/reconcile-errors.ts";
import type { RunRecord } from "../../../formats/run-record.ts";
import { referenceDiffers, resolveScenario } from "../../../formats/workflow-resolve.ts";
import { runAndRecord } from "../../../hypotheses/index.ts";
import { readWorkflowFile } from "../../../scenario/index.ts";
import {
  discoverProject,
  projectPaths,
  relativeToWorkspace,
  scenarioFiles,
} from "../../../workspace/index.ts";
import { modelDigest } from "../../../engine/index.ts";
import { readDumpFile } from "../../../analysis/index.ts";
import { sha256File } from "../../../evidence/index.ts";
import { budgetLeft, type HuntContext, type PhaseStep } from "../context.ts";

export interface BaseScenario {
  /** workspace-relative file */
  file: string;
  name: string;
  perturbed: boolean;
}

/** Base scenarios of the project (variants excluded), one entry per scenario in each file. */
export function baseScenarios(root: string, project: string): BaseScenario[] {
  return scenarioFiles(projectPaths(root, project).scenarios).flatMap((abs) =>
    readWorkflowFile(abs).map((s) => ({
      file: relativeToWorkspace(root, abs),
      name: s.name,
      perturbed: isPerturbed(resolveScenario(s)),
    })),
  );
}

function isPerturbed(r: ReturnType<typeof resolveScenario>): boolean {
  return r.tuning.search.mode === "monte_carlo" || referenceDiffers(r);
}

/** A recorded run of this exact file content, mode and scenario, if any (reused instead of run again). */
export function recordedRun(
  ctx: HuntContext,
  s: BaseScenario,
  mode: RunRecord["mode"],
): RunRecord | undefined {
  const sha = sha256File(path.resolve(ctx.root, s.file));
  const found = discoverProject(ctx.root, ctx.project);
  // A run of the same scenario against a changed model is not a run of this model.
  const model = found.kind === "embedded" ? modelDigest(found.definitionFile) : undefined;
  return ctx.store
    .listRuns(ctx.project)
    .filter((r) => r.mode === mode && r.status === "ok" && r.scenarioFile === s.file)
    .filter((r) => r.provenance.scenarioSha256 === sha)
    .filter((r) => model === undefined || r.provenance.modelSha256 === model)
    .find((r) =>
      r.dumps.some((d) => fs.existsSync(path.resolve(ctx.root, d)) && dumpNames(ctx.root, d).has(s.name)),
    );
}

/** Scenario names of the dumps in a file (plain or gzip-compressed). */
function dumpNames(root: string, dump: string): Set<string> {
  return new Set(
    readDumpFile(path.resolve(root, dump)).dumps.flatMap((d) => d.dump.context?.scenario?.name ?? []),
  );
}

/**
 * Phase D: a reference run of every base scenario (and an exploration run of any that carries perturbations).
 * Resuming reuses runs already recorded for the same file content; `redo` (asked for) runs everything afresh,
 * e.g. after the controllers changed.
 */
export const exploreStep =
  (redo: boolean): PhaseStep =>
  async (ctx) => {
    const started = new Set(ctx.store.listRuns(ctx.project).map((r) => r.runId));
    const summary: string[] = [];
    const outputs: string[] = [];
    let states = 0;
    for (const s of baseScenarios(ctx.root, ctx.project)) {
      for (const mode of s.perturbed ? (["reference", "exploration"] as const) : (["reference"] as const)) {
        const stop = budgetLeft(ctx);
        if (stop) return { summary, outputs, statesExplored: states, stopped: stop };
        const known = recordedRun(ctx, s, mode);
        if (known && (!redo || !started.has(known.runId))) {
          summary.push(`${s.name} (${mode}): reused run ${known.runId}`);
          outputs.push(known.runId);
          continue;
        }
        ctx.emit({ type: "step", phase: "explore", message: `${mode} run of ${s.name}` });
        const run = await runAndRecord(ctx.env, {
          project: ctx.project,
          scenarioFile: path.resolve(ctx.root, s.file),
          scenarioName: s.name,
          mode,
          timeoutMs: ctx.timeoutMs,
        });
        states += run.metrics.totalNodeVisits;
        ctx.spent.states += run.metrics.totalNodeVisits;
        outputs.push(run.runId);
        const m = run.metrics;
        summary.push(
          `${s.name} (${mode}): run ${run.runId}, ${m.uniqueNodeVisits}/${m.totalNodeVisits} unique/total visits, ${m.converged} converged, ${m.aborted} aborted (${m.maxDepthAborted} max depth)`,
          ...(run.reconcileErrors ?? []).map((e) => `  reconcile error: ${formatReconcileError(e)}`),
          ...(run.warnings ?? []).map((w) => `  warning: ${w}`),
        );
      }
    }
    return { summary, outputs, statesExplored: states };
  };
