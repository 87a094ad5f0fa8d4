/**
 * Analysis of exploration dumps (issue 4): reading (any kamera casing, JSON Lines, gzip, damage quarantined),
 * metrics + Phase E verdicts, terminal-state histograms, diffs with last writes, path evidence, KindSequence
 * calibration, and citations that resolve. Pure functions take parsed dumps; readDumps/forEachDump are the I/O edge.
 */
export {
  type AnalyzeInputsOptions,
  type Analyzed,
  analyzeDiffInputs,
  analyzeKindSeqInputs,
  analyzeMetricsInputs,
  analyzePathsInputs,
  analyzeStatesInputs,
  readMaxDepths,
} from "./analyze-inputs.ts";
export {
  type BatchOptions,
  type BatchReport,
  forEachDump,
  loadDumps,
  type QuarantinedDump,
} from "./batch.ts";
export { citeStep, citeTerminal, type Resolution, resolveCitationIn, splitDumpId } from "./citations.ts";
export { contentsHash, contentsKeyString, objectHash, shortenHash } from "./contents-hash.ts";
export { computeDiff, type DiffOptions, type DiffResult, diffAccumulator, type ObjectDiff } from "./diff.ts";
export { type Divergence, findDivergence, findErrors } from "./divergence.ts";
export {
  type Outcome,
  attributesOf,
  outcomeOf,
  pathsOf,
  statesOf,
  stepContentsHash,
  type TerminalState,
  terminalHash,
  terminalObjects,
  writesOf,
} from "./dump-model.ts";
export { normalizeDump } from "./dump-normalize.ts";
export {
  type DumpDoc,
  type DumpProblem,
  type DumpParseItem,
  type DumpProblemCode,
  type ParsedDumpText,
  parseDumpDocs,
  parseDumpText,
} from "./dump-parse.ts";
export { formatKameraCampaignMetrics, kameraCampaignRows, tabwrite } from "./kamera-table.ts";
export { deleteAt, parseJsonPath, type Segment, valuesAt } from "./json-path.ts";
export { type KindTrace, kindTraces } from "./kind-trace.ts";
export { calibrate, type KindSeqResult } from "./kindseq.ts";
export { type LastWrite, lastWrite } from "./last-write.ts";
export {
  applyMask,
  DEFAULT_MASK_NAMES,
  keepsKind,
  type MaskSpec,
  NAMED_MASKS,
  parseMasks,
} from "./masks.ts";
export {
  computeMetrics,
  type MetricsAccumulator,
  type MetricsResult,
  type MetricsRow,
  metricsAccumulator,
} from "./metrics.ts";
export {
  computePaths,
  orderingEvidence,
  type PathSummary,
  type PathsResult,
  pathsAccumulator,
  summarizePath,
} from "./paths.ts";
export {
  type Family,
  familyLabel,
  type ProjectionSpec,
  parseProjection,
  projectState,
} from "./projection.ts";
export {
  type DumpItem,
  type DumpRef,
  dumpId,
  quarantineFile,
  readDumpFile,
  readDumps,
} from "./read-dumps.ts";
export { resolveCitation, resolveCitations } from "./resolve-citation.ts";
export { checkStalenessWindow, type WindowCheck } from "./staleness-window.ts";
export {
  computeStates,
  type StateGroup,
  type StatesOptions,
  type StatesResult,
  statesAccumulator,
} from "./states.ts";
export * from "./text/index.ts";
export {
  CYCLING_THRESHOLD,
  convergenceVerdict,
  diagnoseLoop,
  type LoopEvidence,
  type Verdict,
} from "./verdict.ts";
