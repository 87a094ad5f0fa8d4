/** The embedded exploration engine: kamera's semantics for TypeScript controllers, kamera-format dumps. */
export * from "./api.ts";
export {
  ALL_OPTIMIZATIONS,
  type ExploreConfig,
  NO_OPTIMIZATIONS,
  type Optimizations,
  resolveConfig,
} from "./config/index.ts";
export {
  buildDump,
  contentsHashOfVersions,
  type DumpSummary,
  summarizeDump,
  writeDumpJson,
} from "./dump/index.ts";
export {
  type EmbeddedEngineOptions,
  embeddedEngine,
  type ExploreOptions,
  type ExploreOutput,
  explorePhaseUnit,
  exploreScenario,
  exploreScenarioInto,
  formatProgress,
  formatRunSummary,
  loadEmbeddedProject,
  modelDigest,
  type PhasePlan,
  type PhaseUnit,
  planPhases,
  readWorkflowFile,
  resolveProjectFile,
  runEmbedded,
  runInvocationId,
  type WrittenOutput,
} from "./run/index.ts";
export { ENGINE_VERSION } from "./run/engine.ts";
export { CRASH_MESSAGE, CLEANUP_ID, GC_ID, USER_ID } from "./step/index.ts";
