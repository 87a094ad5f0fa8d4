export { type Clock, clockFromEnv } from "./clock.ts";
export { BUNDLED_PROJECTS, bundledProjects, type InitResult, initWorkspace } from "./init.ts";
export { publishTemp, sweepStaleTempFiles, tempPathBeside, writeFileAtomic } from "./atomic.ts";
export {
  type DiscoveredProject,
  discoverProject,
  findWorkspaceRoot,
  invalidProjectFolders,
  isProjectName,
  listProjects,
  scenarioFiles,
} from "./discover.ts";
export { allocateId, highestId, IdCounters, idsInFolder } from "./ids.ts";
export { outputFile, outputFolder } from "./outputs.ts";
export { holdLock, type LockHolder, type LockOptions, withLockSync } from "./lock.ts";
export {
  type ProjectPaths,
  projectPaths,
  relativeToWorkspace,
  variantFileName,
  workspacePaths,
} from "./paths.ts";
export {
  parseRecordText,
  readRecord,
  readRecordIfExists,
  serializeRecord,
  validateRecord,
  writeRecord,
} from "./records.ts";
