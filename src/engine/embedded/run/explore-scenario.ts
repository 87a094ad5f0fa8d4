import { CtrlhuntError } from "../../../errors/index.ts";
import { stableStringify } from "../../../formats/json-text.ts";
import type { Scenario } from "../../../formats/workflow.ts";
import type { ProjectDefinition } from "../api.ts";
import type { Dump } from "../../../formats/dump.ts";
import { type ExploreConfig, type ResolveOptions, resolveConfig } from "../config/index.ts";
import { derivedUuid } from "../state/index.ts";
import { buildRegistry, type Registry, USER_ID } from "../step/index.ts";
import { type JobContext, type JobSpec, jobFileName, runJob } from "./job.ts";
import { projectSourceFile, validateProject } from "./load-project.ts";
import { planClosedLoop } from "./planner.ts";
import { EXPLORATION_PLAN, type PhasePlan, REFERENCE_PLAN } from "./plans.ts";
import type { ExploreOptions, ExploreOutput, WrittenOutput } from "./types.ts";
import { runOnWorkers } from "./worker-pool.ts";
import { writeOutput } from "./write-output.ts";

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
  return (await explorePhases(project, scenario, opts, undefined)) as ExploreOutput[];
}

/**
 * exploreScenario, writing each dump into `dumpsDir` where it is produced (on the worker thread for pooled
 * trials), so a run of thousands of trials never holds its dumps in memory or funnels them through one thread.
 */
export async function exploreScenarioInto(
  project: ProjectDefinition,
  scenario: Scenario,
  opts: ExploreOptions,
  dumpsDir: string,
): Promise<WrittenOutput[]> {
  return (await explorePhases(project, scenario, opts, dumpsDir)) as WrittenOutput[];
}

type Produced = ExploreOutput | WrittenOutput;

async function explorePhases(
  project: ProjectDefinition,
  scenario: Scenario,
  opts: ExploreOptions,
  dumpsDir: string | undefined,
): Promise<Produced[]> {
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
  const outputs: Produced[] = [];
  const runPhase = async (plan: PhasePlan, keepDumps = false): Promise<Produced[]> => {
    const phase = plan.name ?? "exploration";
    opts.onEvent?.({ type: "phase-start", scenario: scenario.name, phase });
    const results = await runPhaseJobs(
      project,
      reg,
      base,
      plan,
      { ...ctx, onProgress: progress(opts, scenario.name, phase) },
      { scenario, resolveOpts, opts, taken: outputs, dumpsDir, keepDumps },
    );
    for (const r of results) {
      opts.onEvent?.({ type: "phase-end", scenario: scenario.name, phase, dump: r.fileName });
      outputs.push(r);
    }
    return results;
  };
  if (opts.mode === "exploration") {
    await runPhase(EXPLORATION_PLAN);
    return outputs;
  }
  const ref = await runPhase(REFERENCE_PLAN, opts.mode === "closed-loop");
  if (opts.mode === "closed-loop") {
    const refDump = ref[0]?.dump as Dump; // kept: the planner reads the reference
    for (const plan of planClosedLoop(refDump, base.actions.length, opts.maxStalenessPhases ?? 16)) {
      if (ctx.deadline !== undefined && Date.now() > ctx.deadline) {
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
  return (p: { visits: number; converged: number; aborted: number }) =>
    opts.onEvent?.({ type: "progress", scenario, phase, ...p });
}

interface PhaseWork {
  scenario: Scenario;
  resolveOpts: ResolveOptions;
  opts: ExploreOptions;
  /** Outputs of earlier phases (their file names are taken). */
  taken: readonly Produced[];
  dumpsDir?: string;
  /** Keep the dumps in memory even when writing them (and so run in this thread). */
  keepDumps: boolean;
}

/** One DFS job, or one job per Monte Carlo trial (on worker threads when asked and possible). */
async function runPhaseJobs(
  project: ProjectDefinition,
  reg: Registry,
  base: ExploreConfig,
  plan: PhasePlan,
  ctx: JobContext,
  w: PhaseWork,
): Promise<Produced[]> {
  const mc = base.search.mode === "monte_carlo";
  const trials = mc ? base.search.trials : 1;
  const jobs: JobSpec[] = mc
    ? Array.from({ length: trials }, (_, t) => ({ plan, trialIndex: t, trialCount: trials }))
    : [{ plan }];
  const names = settleFileNames(
    jobs.map((j) => jobFileName(ctx, j, mc)),
    w.taken,
  );
  const done = (t: number) =>
    mc && w.opts.onEvent?.({ type: "trial-done", scenario: w.scenario.name, trial: t, trials });
  const file = projectSourceFile(project);
  if (mc && (w.opts.workers ?? 1) > 1 && file && trials > 1 && !(w.keepDumps && w.dumpsDir)) {
    const { onProgress: _drop, signal: _signal, ...plain } = ctx;
    const setup = {
      projectFile: file,
      scenario: w.scenario,
      resolve: w.resolveOpts,
      ctx: plain,
      dumpsDir: w.dumpsDir,
    };
    const tasks = jobs.map((job, index) => ({ index, job, fileName: names[index] as string }));
    return runOnWorkers(setup, tasks, w.opts.workers ?? 1, done);
  }
  const out: Produced[] = [];
  for (const [i, job] of jobs.entries()) {
    const o = { ...(await runJob(project.controllers, reg, base, job, ctx)), fileName: names[i] as string };
    out.push(w.dumpsDir ? writeOutput(o, w.dumpsDir, w.keepDumps) : o);
    done(job.trialIndex ?? 0);
  }
  return out;
}

/** File names for a phase's dumps, none clashing with an earlier phase's (see uniqueFileName). */
function settleFileNames(names: readonly string[], taken: readonly Produced[]): string[] {
  const used = new Set(taken.map((o) => o.fileName));
  return names.map((n) => {
    const settled = uniqueFileName(n, used);
    used.add(settled);
    return settled;
  });
}

/**
 * kamera truncates sanitized names to 64 characters, so two long phase names (staleness windows of one controller)
 * can map to one file and the second dump would overwrite the first: later ones get `_2`, `_3`… before the index.
 */
function uniqueFileName(name: string, used: ReadonlySet<string>): string {
  if (!used.has(name)) return name;
  const m = /^(.*)_(\d+)\.jsonl$/.exec(name);
  const [stem, idx] = m ? [m[1], m[2]] : [name.replace(/\.jsonl$/, ""), "0"];
  for (let k = 2; ; k++) {
    const candidate = `${stem}_${k}_${idx}.jsonl`;
    if (!used.has(candidate)) return candidate;
  }
}
