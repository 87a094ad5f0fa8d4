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
  type ContainedOptions,
  DEFAULT_HANG_MS,
  DEFAULT_MAX_MEMORY_MB,
  type EmbeddedEngineOptions,
  embeddedEngine,
  exploreContained,
  type ExploreOptions,
  type ExploreOutput,
  explorePhaseUnit,
  exploreScenario,
  exploreScenarioInto,
  formatProgress,
  formatRunSummary,
  importUserModule,
  loadEmbeddedProject,
  modelDigest,
  type PhasePlan,
  type PhaseUnit,
  projectSourceFile,
  planPhases,
  readWorkflowFile,
  resolveProjectFile,
  runEmbedded,
  runInvocationId,
  type WrittenOutput,
} from "./run/index.ts";
export { ENGINE_VERSION } from "./run/engine.ts";
export { CRASH_MESSAGE, CLEANUP_ID, GC_ID, RESERVED_IDS, USER_ID } from "./step/index.ts";
