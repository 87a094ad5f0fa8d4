import type { Dump } from "../../../formats/dump.ts";
import type { Scenario } from "../../../formats/workflow.ts";
import type { ProjectDefinition } from "../api.ts";
import {
  type Produced,
  phaseFileNames,
  prepareScenario,
  runPhaseJobs,
  type ScenarioRun,
} from "./phase-jobs.ts";
import { planClosedLoop } from "./planner.ts";
import { EXPLORATION_PLAN, type PhasePlan, REFERENCE_PLAN } from "./plans.ts";
import type { ExploreOptions, ExploreOutput, WrittenOutput } from "./types.ts";

/**
 * Explore one scenario with the embedded engine and return its dumps (pure: no disk). Modes: `reference`
 * (perturbations stripped), `exploration` (as written), `closed-loop` (reference, then the planner's phases).
 */
export async function exploreScenario(
  project: ProjectDefinition,
  scenario: Scenario,
  opts: ExploreOptions,
): Promise<ExploreOutput[]> {
  return (await explorePhases(prepareScenario(project, scenario, opts), undefined)) as ExploreOutput[];
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
  return (await explorePhases(prepareScenario(project, scenario, opts), dumpsDir)) as WrittenOutput[];
}

/**
 * The phases of a scenario's run in order (closed-loop: the reference, then what the planner derives from its
 * dump, which is returned too). A campaign cuts these into units before anything else runs.
 */
export async function planPhases(
  project: ProjectDefinition,
  scenario: Scenario,
  opts: ExploreOptions,
): Promise<{ phases: PhasePlan[]; trials?: number; reference?: ExploreOutput }> {
  const run = prepareScenario(project, scenario, opts);
  const trials = run.base.search.mode === "monte_carlo" ? run.base.search.trials : undefined;
  if (opts.mode === "exploration") return { phases: [EXPLORATION_PLAN], trials };
  if (opts.mode === "reference") return { phases: [REFERENCE_PLAN], trials };
  const [reference] = (await runPhaseJobs(run, { plan: REFERENCE_PLAN, used: new Set() })) as ExploreOutput[];
  const later = planClosedLoop(reference.dump, run.base.actions.length, opts.maxStalenessPhases ?? 16);
  return { phases: [REFERENCE_PLAN, ...later], trials, reference };
}

async function explorePhases(run: ScenarioRun, dumpsDir: string | undefined): Promise<Produced[]> {
  const { scenario, opts, ctx } = run;
  const outputs: Produced[] = [];
  const used = new Set<string>();
  const runPhase = async (plan: PhasePlan, keepDumps = false): Promise<Produced[]> => {
    const phase = plan.name ?? "exploration";
    opts.onEvent?.({ type: "phase-start", scenario: scenario.name, phase });
    const onProgress = progress(opts, scenario.name, phase);
    const results = await runPhaseJobs(run, { plan, used, dumpsDir, keepDumps, onProgress });
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
    for (const plan of planClosedLoop(refDump, run.base.actions.length, opts.maxStalenessPhases ?? 16)) {
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

/** A slice of a scenario's run: one of its phases (as planPhases listed them), optionally a range of trials. */
export interface PhaseUnit {
  phases: readonly PhasePlan[];
  phase: number;
  trials?: { from: number; to: number };
}

/**
 * Run one unit and write its dumps into `dumpsDir`. Dumps are byte-identical to the same trials of a whole run
 * (same names, seeds and invocation id), so units run anywhere add up to the run. Written without fsync: the
 * shard record that lists them with their sha256 is what makes them count (see WriteOptions).
 */
export async function explorePhaseUnit(
  project: ProjectDefinition,
  scenario: Scenario,
  opts: ExploreOptions,
  unit: PhaseUnit,
  dumpsDir: string,
): Promise<WrittenOutput[]> {
  const run = prepareScenario(project, scenario, opts);
  const used = new Set<string>();
  for (const p of unit.phases.slice(0, unit.phase)) phaseFileNames(run, p, used);
  const plan = unit.phases[unit.phase] as PhasePlan;
  return (await runPhaseJobs(run, {
    plan,
    used,
    dumpsDir,
    trialRange: unit.trials,
    durable: false,
  })) as WrittenOutput[];
}
