export { assembleSurfaceMap, type SurfaceFacts } from "./assemble.ts";
export { checkSurfaceContract } from "./contract.ts";
export { embeddedControllers } from "./embedded.ts";
export { extractGoSurface } from "./go-extract.ts";
export { goControllerModel } from "./go-model.ts";
export { formatSurfaceSummary } from "./summary.ts";
export { changedSurface, type ObservedController, observeControllers } from "./observed.ts";
export {
  type EmbeddedAccess,
  type MapOptions,
  type MapResult,
  mapProject,
  readSurfaceMap,
} from "./run-map.ts";
