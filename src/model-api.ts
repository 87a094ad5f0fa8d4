/**
 * What a model (project.ts, checks.ts) gets as `import … from "ctrlhunt"` when ctrlhunt loads it: the authoring API
 * only, so loading a model does not load the whole toolkit (the full index costs ≈0.4 s per process, paid again by
 * every campaign shard and worker). Same module instances as the engine's, so `isNotFound` & co. recognise the
 * engine's errors. A model that imports anything else from "ctrlhunt" is loaded again against the full API
 * (load-project.ts), so no model breaks; it only starts slower.
 */
export {
  ApiError,
  type ControllerDefinition,
  type DeleteOptions,
  defineController,
  defineProject,
  isAlreadyExists,
  isConflict,
  isNotFound,
  type KubeObj,
  type ListOptions,
  type ProjectDefinition,
  type ReconcileContext,
  type ReconcileResult,
  type Request,
  type WatchSpec,
} from "./engine/embedded/api.ts";
export {
  BUILTIN_INVARIANTS,
  defineChecks,
  type Invariant,
  type ObjectRef,
  type ProjectChecks,
  type TerminalView,
  type Violation,
} from "./invariants/index.ts";
export { CtrlhuntError, type ErrorCode, type Issue } from "./errors/index.ts";
