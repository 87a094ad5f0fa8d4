import type { ControllerDefinition } from "../api.ts";
import type { ExploreConfig } from "../config/index.ts";
import { buildDump, dumpFileName } from "../dump/index.ts";
import { derivedSeed, exploreDfs, exploreMonteCarlo, Rng, SearchState } from "../search/index.ts";
import { type KeyConfig, VersionStore } from "../state/index.ts";
import { buildRoot, type Registry, type StepEnv } from "../step/index.ts";
import { CATCH_UP_ATTRIBUTE } from "../perturb/catch-up.ts";
import { RESTART_ATTRIBUTE, restartAttribute } from "../perturb/restart.ts";
import { applyPlan, type PhasePlan } from "./plans.ts";
import type { ExploreOutput } from "./types.ts";

/** Plain-data description of one dump to produce (it crosses into worker threads). */
export interface JobSpec {
  plan: PhasePlan;
  trialIndex?: number;
  trialCount?: number;
}

export interface JobContext {
  scenarioName: string;
  runIndex: number;
  inputRef?: string;
  invocationId: string;
  deadline?: number;
  maxStates?: number;
  reproducible?: boolean;
  emitStats?: boolean;
  signal?: AbortSignal;
  onProgress?: (p: { visits: number; converged: number; aborted: number; depth: number }) => void;
}

/** What besides objects and pending decides a node's future under this config (see state/node.ts). */
export function keyConfigFor(cfg: ExploreConfig): KeyConfig {
  const depthSensitive =
    cfg.permuteDepthRange !== undefined ||
    cfg.intervals.some((i) => i.activateAtDepth !== undefined || i.deactivateAtDepth !== undefined) ||
    cfg.faults.some(
      (f) =>
        f.triggerAfterDepth !== undefined ||
        f.recoverAtDepth !== undefined ||
        (f.restartManager !== undefined && f.restartManager !== "quiescence"),
    );
  return {
    depthSensitive,
    // An action's ready depth decides nothing once the action has fired: then depth leaves the key, and states
    // that differ only in how many steps led to them are one (as in kamera, whose keys never hold depth).
    depthUntilAction: cfg.readyDepths.size > 0 ? Math.max(...cfg.readyDepths.keys()) + 1 : 0,
    seqKinds: [...new Set(cfg.intervals.map((i) => i.kind))].sort(),
    intern: new Map(),
  };
}

/** kamera's file name for a job's dump: trials are numbered across the scenarios of the inputs file. */
export function jobFileName(
  ctx: Pick<JobContext, "scenarioName" | "runIndex">,
  job: JobSpec,
  mc: boolean,
): string {
  const idx = mc ? ctx.runIndex * (job.trialCount ?? 1) + (job.trialIndex ?? 0) : ctx.runIndex;
  return dumpFileName(ctx.scenarioName, job.plan.name, idx);
}

/** Explore one phase (DFS) or one Monte Carlo trial of it and build its dump. */
export async function runJob(
  controllers: readonly ControllerDefinition[],
  reg: Registry,
  base: ExploreConfig,
  job: JobSpec,
  ctx: JobContext,
): Promise<ExploreOutput> {
  const cfg = applyPlan(base, job.plan);
  const env: StepEnv = { cfg, reg, store: new VersionStore(), keyCfg: keyConfigFor(cfg) };
  const st = new SearchState(
    env,
    { deadline: ctx.deadline, maxStates: ctx.maxStates, signal: ctx.signal, onProgress: ctx.onProgress },
    controllers,
  );
  const started = performance.now();
  const root = buildRoot(env);
  const mc = cfg.search.mode === "monte_carlo";
  const trial = job.trialIndex ?? 0;
  const attributes: Record<string, string> = {
    invocation_id: ctx.invocationId,
    search_mode: mc ? "monte_carlo" : "dfs",
    ...job.plan.attributes,
  };
  if (job.plan.name) attributes.phase = job.plan.name;
  const restart = restartAttribute(cfg);
  if (restart) attributes[RESTART_ATTRIBUTE] = restart;
  if (cfg.intervals.length > 0) attributes[CATCH_UP_ATTRIBUTE] = "quiescence";
  if (mc) {
    const seed = derivedSeed(cfg.search.seed, cfg.search.group, trial);
    Object.assign(attributes, {
      mc_group_id: cfg.search.group,
      mc_trial_index: String(trial),
      mc_trial_count: String(job.trialCount ?? cfg.search.trials),
      mc_seed: seed.toString(),
      mc_role: "trial",
    });
    await exploreMonteCarlo(st, root, new Rng(seed));
  } else {
    st.fork();
    await exploreDfs(st, root);
  }
  const durationNs = ctx.reproducible
    ? undefined
    : Math.max(1, Math.round((performance.now() - started) * 1e6));
  const dump = buildDump(st.outcome(), env.store, {
    name: ctx.scenarioName,
    runIndex: ctx.runIndex,
    inputRef: ctx.inputRef,
    attributes,
    frameSalt: `${ctx.scenarioName}|${job.plan.name ?? ""}|${trial}`,
    permuteAfterConfigured: cfg.permuteAfterEvent !== undefined,
    durationNs,
    emitStats: ctx.emitStats,
  });
  const out: ExploreOutput = {
    fileName: jobFileName(ctx, { ...job, trialCount: job.trialCount ?? cfg.search.trials }, mc),
    phase: job.plan.name ?? "exploration",
    dump,
  };
  if (mc) out.trialIndex = trial;
  if (st.timedOut) out.timedOut = true;
  return out;
}
