import { CtrlhuntError } from "../../../errors/index.ts";
import { stableStringify } from "../../../formats/json-text.ts";
import type { Scenario } from "../../../formats/workflow.ts";
import type { ProjectDefinition } from "../api.ts";
import { type ExploreConfig, resolveConfig } from "../config/index.ts";
import { derivedUuid } from "../state/index.ts";
import { buildRegistry, type Registry, USER_ID } from "../step/index.ts";
import { type JobContext, type JobSpec, runJob } from "./job.ts";
import { projectSourceFile, validateProject } from "./load-project.ts";
import { planClosedLoop } from "./planner.ts";
import { EXPLORATION_PLAN, type PhasePlan, REFERENCE_PLAN } from "./plans.ts";
import type { ExploreOptions, ExploreOutput } from "./types.ts";
import { runOnWorkers } from "./worker-pool.ts";

function checkOptions(o: ExploreOptions): void {
  const bad = (flag: string, v: number | undefined, min: number) =>
    v !== undefined && (!Number.isInteger(v) || v < min)
      ? `${flag} must be an integer ≥ ${min} (got ${v})`
      : undefined;
  const problems = [
    bad("trials", o.trials, 1),
    bad("workers", o.workers, 1),
    bad("maxDepth", o.maxDepth, 1),
    o.timeoutMs !== undefined && !(o.timeoutMs > 0)
      ? `timeoutMs must be > 0 (got ${o.timeoutMs})`
      : undefined,
  ].filter((p): p is string => p !== undefined);
  if (problems.length) throw new CtrlhuntError("CTRLHUNT_USAGE", problems.join("; "));
}

/**
 * Explore one scenario with the embedded engine and return its dumps (pure: no disk). Modes: `reference`
 * (perturbations stripped), `exploration` (as written), `closed-loop` (reference, then the planner's phases).
 */
export async function exploreScenario(
  project: ProjectDefinition,
  scenario: Scenario,
  opts: ExploreOptions,
): Promise<ExploreOutput[]> {
  checkOptions(opts);
  validateProject(project, projectSourceFile(project));
  const reg = buildRegistry(project.controllers);
  const resolveOpts = {
    maxDepth: opts.maxDepth,
    trials: opts.trials,
    seed: opts.seed,
    optimizations: opts.optimizations,
    inputRef: opts.inputRef,
    runIndex: opts.runIndex,
    file: opts.file,
  };
  const base = resolveConfig(scenario, new Set([...reg.ids].filter((i) => i !== USER_ID)), resolveOpts);
  const ctx: JobContext = {
    scenarioName: scenario.name,
    runIndex: opts.runIndex ?? 0,
    inputRef: opts.inputRef,
    invocationId:
      opts.invocationId ?? derivedUuid(`${stableStringify(scenario)}|${opts.mode}|${base.search.seed}`),
    deadline: opts.timeoutMs !== undefined ? Date.now() + opts.timeoutMs : undefined,
    reproducible: opts.reproducible,
    emitStats: opts.emitStats,
    signal: opts.signal,
  };
  const outputs: ExploreOutput[] = [];
  const runPhase = async (plan: PhasePlan): Promise<ExploreOutput[]> => {
    const phase = plan.name ?? "exploration";
    opts.onEvent?.({ type: "phase-start", scenario: scenario.name, phase });
    const results = await runPhaseJobs(
      project,
      reg,
      base,
      plan,
      { ...ctx, onProgress: progress(opts, scenario.name, phase) },
      {
        scenario,
        resolveOpts,
        opts,
      },
    );
    for (const r of results) {
      r.fileName = uniqueFileName(r.fileName, outputs);
      opts.onEvent?.({ type: "phase-end", scenario: scenario.name, phase, dump: r.fileName });
      outputs.push(r);
    }
    return results;
  };
  if (opts.mode === "exploration") {
    await runPhase(EXPLORATION_PLAN);
    return outputs;
  }
  const ref = await runPhase(REFERENCE_PLAN);
  if (opts.mode === "closed-loop") {
    for (const plan of planClosedLoop(ref[0].dump, base.actions.length, opts.maxStalenessPhases ?? 16)) {
      if ((ctx.deadline !== undefined && Date.now() > ctx.deadline) || opts.signal?.aborted) {
        outputs[outputs.length - 1].timedOut = true; // later phases were skipped: the run is partial
        break;
      }
      await runPhase(plan);
    }
  }
  return outputs;
}

function progress(opts: ExploreOptions, scenario: string, phase: string) {
  if (!opts.onEvent) return undefined;
  return (p: { visits: number; converged: number; aborted: number; depth: number }) =>
    opts.onEvent?.({ type: "progress", scenario, phase, ...p });
}

/** One DFS job, or one job per Monte Carlo trial (on worker threads when asked and possible). */
async function runPhaseJobs(
  project: ProjectDefinition,
  reg: Registry,
  base: ExploreConfig,
  plan: PhasePlan,
  ctx: JobContext,
  w: { scenario: Scenario; resolveOpts: object; opts: ExploreOptions },
): Promise<ExploreOutput[]> {
  if (base.search.mode !== "monte_carlo")
    return [await runJob(project.controllers, reg, base, { plan }, ctx)];
  const trials = base.search.trials;
  const jobs: JobSpec[] = Array.from({ length: trials }, (_, t) => ({
    plan,
    trialIndex: t,
    trialCount: trials,
  }));
  const done = (t: number) =>
    w.opts.onEvent?.({ type: "trial-done", scenario: w.scenario.name, trial: t, trials });
  const file = projectSourceFile(project);
  if ((w.opts.workers ?? 1) > 1 && file && trials > 1) {
    const { onProgress: _drop, signal: _signal, ...plain } = ctx;
    const reqs = jobs.map((job) => ({
      projectFile: file,
      scenario: w.scenario,
      resolve: w.resolveOpts,
      job,
      ctx: plain,
    }));
    return runOnWorkers(reqs, w.opts.workers ?? 1, (i) => done(i));
  }
  const out: ExploreOutput[] = [];
  for (const job of jobs) {
    out.push(await runJob(project.controllers, reg, base, job, ctx));
    done(job.trialIndex ?? 0);
  }
  return out;
}

/**
 * kamera truncates sanitized names to 64 characters, so two long phase names (staleness windows of one controller)
 * can map to one file and the second dump would overwrite the first: later ones get `_2`, `_3`… before the index.
 */
function uniqueFileName(name: string, taken: readonly ExploreOutput[]): string {
  const used = new Set(taken.map((o) => o.fileName));
  if (!used.has(name)) return name;
  const m = /^(.*)_(\d+)\.jsonl$/.exec(name);
  const [stem, idx] = m ? [m[1], m[2]] : [name.replace(/\.jsonl$/, ""), "0"];
  for (let k = 2; ; k++) {
    const candidate = `${stem}_${k}_${idx}.jsonl`;
    if (!used.has(candidate)) return candidate;
  }
}
