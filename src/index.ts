/** Public API of the ctrlhunt package (pinned by test/public-api.test.ts). */
export {
  type ControllerDefinition,
  defineController,
  defineProject,
  type KubeObj,
  type ListOptions,
  type ProjectDefinition,
  type ReconcileContext,
  type ReconcileResult,
  type Request,
  type WatchSpec,
} from "./engine/embedded/api.ts";
export { CtrlhuntError, type ErrorCode, type Issue } from "./errors/index.ts";
export {
  calibrate,
  checkStalenessWindow,
  computeDiff,
  computeMetrics,
  computePaths,
  computeStates,
  findDivergence,
  findErrors,
  forEachDump,
  parseMasks,
  parseProjection,
  readDumps,
  resolveCitation,
  resolveCitations,
} from "./analysis/index.ts";
