export { type Coverage, coverageOf } from "./coverage.ts";
export { type AuthorContext, type Draft, type Heuristic, type Skip, slugOf } from "./draft.ts";
export { HEURISTICS } from "./heuristics/index.ts";
export {
  calibrateActionDepths,
  calibrateStaleness,
  type ReferenceTrace,
  referenceTrace,
} from "./reference-trace.ts";
export {
  type AuthorAccess,
  type AuthoredFile,
  type AuthorOptions,
  type AuthorResult,
  authorScenarios,
  planScenarios,
} from "./run-author.ts";
export { formatAuthorSummary } from "./summary.ts";
export { type BaseEnv, buildSeedCatalog, type SeedCatalog } from "./seeds.ts";
