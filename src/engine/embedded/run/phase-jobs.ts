import { CtrlhuntError } from "../../../errors/index.ts";
import { stableStringify } from "../../../formats/json-text.ts";
import type { Scenario } from "../../../formats/workflow.ts";
import type { ProjectDefinition } from "../api.ts";
import { type ExploreConfig, type ResolveOptions, resolveConfig } from "../config/index.ts";
import { derivedUuid } from "../state/index.ts";
import { buildRegistry, type Registry, USER_ID } from "../step/index.ts";
import { type JobContext, type JobSpec, jobFileName, runJob } from "./job.ts";
import { projectSourceFile, validateProject } from "./load-project.ts";
import type { PhasePlan } from "./plans.ts";
import type { ExploreOptions, ExploreOutput, WrittenOutput } from "./types.ts";
import { runOnWorkers } from "./worker-pool.ts";
import { writeOutput } from "./write-output.ts";

/** A dump kept in memory, or already written where it was produced. */
export type Produced = ExploreOutput | WrittenOutput;

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

/** What every phase of one scenario shares: registry, resolved config, job context. */
export interface ScenarioRun {
  project: ProjectDefinition;
  scenario: Scenario;
  opts: ExploreOptions;
  reg: Registry;
  resolveOpts: ResolveOptions;
  base: ExploreConfig;
  ctx: JobContext;
}

export function prepareScenario(
  project: ProjectDefinition,
  scenario: Scenario,
  opts: ExploreOptions,
): ScenarioRun {
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
    ...(opts.maxStates !== undefined ? { maxStates: opts.maxStates } : {}),
    reproducible: opts.reproducible,
    emitStats: opts.emitStats,
    signal: opts.signal,
  };
  return { project, scenario, opts, reg, resolveOpts, base, ctx };
}

/** Monte Carlo trials per phase, or undefined for a DFS scenario. */
export function trialsOf(run: ScenarioRun): number | undefined {
  return run.base.search.mode === "monte_carlo" ? run.base.search.trials : undefined;
}

/** The jobs of one phase: one DFS job, or one per Monte Carlo trial. */
function phaseJobs(run: ScenarioRun, plan: PhasePlan): JobSpec[] {
  const trials = trialsOf(run);
  return trials === undefined
    ? [{ plan }]
    : Array.from({ length: trials }, (_, t) => ({ plan, trialIndex: t, trialCount: trials }));
}

/** File names of a phase's dumps, none clashing with a name in `used` (which it extends). */
export function phaseFileNames(run: ScenarioRun, plan: PhasePlan, used: Set<string>): string[] {
  return phaseJobs(run, plan).map((j) => {
    const settled = uniqueFileName(jobFileName(run.ctx, j, trialsOf(run) !== undefined), used);
    used.add(settled);
    return settled;
  });
}

export interface PhaseWork {
  plan: PhasePlan;
  /** File names earlier phases of the scenario took. */
  used: Set<string>;
  dumpsDir?: string;
  /** Keep the dumps in memory even when writing them (and so run in this thread). */
  keepDumps?: boolean;
  /** false: dumps written without fsync (a campaign shard; see WriteOptions). */
  durable?: boolean;
  /** Only these Monte Carlo trials, [from, to) (a campaign unit). */
  trialRange?: { from: number; to: number };
  onProgress?: JobContext["onProgress"];
}

/** Run one phase's jobs (trials on worker threads when asked and possible), in job order. */
export async function runPhaseJobs(run: ScenarioRun, w: PhaseWork): Promise<Produced[]> {
  const all = phaseJobs(run, w.plan);
  const names = phaseFileNames(run, w.plan, w.used);
  const picked = all
    .map((job, i) => ({ job, fileName: names[i] as string }))
    .filter(({ job }) => inRange(job.trialIndex, w.trialRange));
  const mc = trialsOf(run) !== undefined;
  const done = (t: number) =>
    mc &&
    run.opts.onEvent?.({ type: "trial-done", scenario: run.scenario.name, trial: t, trials: all.length });
  const ctx = { ...run.ctx, onProgress: w.onProgress };
  const runLocal = async ({ job, fileName }: { job: JobSpec; fileName: string }): Promise<Produced> => {
    const o = { ...(await runJob(run.project.controllers, run.reg, run.base, job, ctx)), fileName };
    return w.dumpsDir ? writeOutput(o, w.dumpsDir, { keepDump: w.keepDumps, durable: w.durable }) : o;
  };
  const file = projectSourceFile(run.project);
  const workers = run.opts.workers ?? 1;
  if (mc && workers > 1 && file && picked.length > 1 && !(w.keepDumps && w.dumpsDir)) {
    const { onProgress: _drop, signal: _signal, ...plain } = run.ctx;
    const setup = {
      projectFile: file,
      scenario: run.scenario,
      resolve: run.resolveOpts,
      ctx: plain,
      dumpsDir: w.dumpsDir,
      durable: w.durable,
    };
    const tasks = picked.map((p, index) => ({ index, ...p }));
    return runOnWorkers(setup, tasks, workers, runLocal, (i) => done(picked[i]?.job.trialIndex ?? 0));
  }
  const out: Produced[] = [];
  for (const p of picked) {
    out.push(await runLocal(p));
    done(p.job.trialIndex ?? 0);
  }
  return out;
}

function inRange(trial: number | undefined, range: PhaseWork["trialRange"]): boolean {
  return range === undefined || (trial !== undefined && trial >= range.from && trial < range.to);
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
