import fs from "node:fs";
import path from "node:path";
import { CtrlhuntError } from "../errors/index.ts";
import type { Hypothesis } from "../formats/records.ts";
import type { RunRecord } from "../formats/run-record.ts";
import { stableStringify } from "../formats/json-text.ts";
import type { Scenario, Tuning } from "../formats/workflow.ts";
import { relativeToWorkspace, withLockSync, workspacePaths } from "../workspace/index.ts";
import { type Plan, planHypothesis } from "./plan.ts";
import { loadProjectFacts } from "./project-facts.ts";
import { referenceFacts } from "./reference-facts.ts";
import { type HypothesisEnv, latestReferenceRun, loadRunDumps, runAndRecord } from "./runs.ts";
import { pickScenario, writeVariant } from "./variant.ts";
import { readWorkflowFile } from "../scenario/index.ts";

/** Everything `hypothesis plan` reports: the plan, the reference it was calibrated from, and the variant written. */
export interface PlanReport {
  hypothesis: Hypothesis;
  plan: Plan;
  reference: { runId: string; dump: string; ranNow: boolean };
  /** Variant file, relative to the workspace (absent when preflight failed or nothing is perturbed). */
  variant?: string;
  /** The variant already existed with this tuning and was reused. */
  reused?: boolean;
}

/** The hypothesis's base scenario file (absolute) and scenario. */
export function baseScenarioOf(root: string, h: Hypothesis): { file: string; scenario: Scenario } {
  if (!h.scenario)
    throw new CtrlhuntError(
      "CTRLHUNT_USAGE",
      `hypothesis ${h.id} names no scenario; set one with hypothesis add --scenario FILE`,
    );
  const file = path.resolve(root, h.scenario);
  return { file, scenario: pickScenario(readWorkflowFile(file), h.scenarioName, h.scenario) };
}

/** The reference run to calibrate from: the one asked for, the latest recorded, or a fresh one. */
async function referenceRun(
  env: HypothesisEnv,
  project: string,
  base: { file: string; scenario: Scenario },
  runId?: string,
): Promise<{ run: RunRecord; ranNow: boolean }> {
  if (runId) return { run: env.store.readRun(project, runId), ranNow: false };
  const known = latestReferenceRun(env, project, base.file);
  if (known) return { run: known, ranNow: false };
  const run = await runAndRecord(env, {
    project,
    scenarioFile: base.file,
    scenarioName: base.scenario.name,
    mode: "reference",
  });
  return { run, ranNow: true };
}

/**
 * `hypothesis plan`: calibrate from the reference dump, run the preflight, and write the variant when it passes.
 * A blocking preflight marks the hypothesis blocked (a code or scenario change is needed first).
 */
export async function planHypothesisInWorkspace(
  env: HypothesisEnv,
  project: string,
  id: string,
  opts: { referenceRunId?: string } = {},
): Promise<PlanReport> {
  const h = env.store.readHypothesis(project, id);
  const base = baseScenarioOf(env.root, h);
  const ref = await referenceRun(env, project, base, opts.referenceRunId);
  const dumps = loadRunDumps(env.root, ref.run, base.scenario.name);
  if (dumps.length === 0)
    throw new CtrlhuntError(
      "CTRLHUNT_NOT_FOUND",
      `reference run ${ref.run.runId} has no dump of scenario "${base.scenario.name}"`,
    );
  const facts = referenceFacts(
    dumps.map((d) => ({ file: d.id, dump: d.dump })),
    base.scenario,
  );
  const project_ = await loadProjectFacts(env.root, project);
  const plan = planHypothesis({
    hypothesis: h,
    scenario: base.scenario,
    facts,
    registered: project_.registered,
    dependencies: project_.dependencies,
    engine: project_.engine,
    runnable: project_.runnable,
  });
  const reference = { runId: ref.run.runId, dump: facts.dump, ranNow: ref.ranNow };
  const runs = (x: Hypothesis) => [...new Set([...x.runs, ref.run.runId])];
  if (plan.blocked) {
    const reason = plan.issues
      .filter((i) => i.blocking)
      .map((i) => i.message)
      .join("; ");
    const updated = env.store.updateHypothesis(project, id, (x) => ({
      ...x,
      status: "blocked",
      reason,
      runs: runs(x),
    }));
    return { hypothesis: updated, plan, reference };
  }
  if (!plan.ok || !plan.perturbs) {
    const updated = env.store.updateHypothesis(project, id, (x) => ({ ...x, runs: runs(x) }));
    return { hypothesis: updated, plan, reference };
  }
  const same = sameVariant(env.root, h, plan.tuning);
  // Under the workspace lock, so two planners never pick the same variant number.
  const variant =
    same ??
    relativeToWorkspace(
      env.root,
      withLockSync(workspacePaths(env.root).lock, () => writeVariant(base.file, base.scenario, plan.tuning))
        .file,
    );
  const updated = env.store.updateHypothesis(project, id, (x) => ({
    ...x,
    status: x.status === "blocked" ? "unverified" : x.status,
    reason: x.status === "blocked" ? undefined : x.reason,
    variants: [...new Set([...x.variants, variant])],
    runs: runs(x),
  }));
  return { hypothesis: updated, plan, reference, variant, reused: same !== undefined };
}

/** The hypothesis's latest variant when it already holds exactly this tuning (re-planning writes no duplicate). */
function sameVariant(root: string, h: Hypothesis, tuning: Tuning): string | undefined {
  const last = h.variants.at(-1);
  if (!last || !fs.existsSync(path.resolve(root, last))) return undefined;
  const [scenario] = readWorkflowFile(path.resolve(root, last));
  return scenario && stableStringify(scenario.tuning ?? {}) === stableStringify(tuning) ? last : undefined;
}
