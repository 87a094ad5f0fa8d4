/** Running explorations: scenario → phases → jobs (DFS or Monte Carlo trials) → dumps; the Engine adapter. */
export {
  type EmbeddedEngineOptions,
  embeddedEngine,
  readWorkflowFile,
  resolveProjectFile,
  runEmbedded,
  runInvocationId,
} from "./engine.ts";
export {
  explorePhaseUnit,
  exploreScenario,
  exploreScenarioInto,
  type PhaseUnit,
  planPhases,
} from "./explore-scenario.ts";
export {
  type ContainedOptions,
  type ContainedResult,
  DEFAULT_HANG_MS,
  DEFAULT_MAX_MEMORY_MB,
  exploreContained,
} from "./run-host.ts";
export { formatProgress, formatRunSummary } from "./format-summary.ts";
export { keyConfigFor, runJob } from "./job.ts";
export { importUserModule, loadEmbeddedProject, projectSourceFile, validateProject } from "./load-project.ts";
export { interleavePlans, planClosedLoop, rerunPlan, stalenessPlans } from "./planner.ts";
export { applyPlan, type PhasePlan, type PhaseTransform } from "./plans.ts";
export type { ExploreOptions, ExploreOutput, WrittenOutput } from "./types.ts";
export { modelDigest } from "./model-digest.ts";
