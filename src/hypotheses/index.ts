/**
 * Hypothesis → perturbation (kamera-workflow Phase J): the classification table, calibration from the reference
 * dump, the pre-flight checklist, variant files, and the outcome judged from evidence. Pure core; the
 * *-workspace.ts files and runs.ts are the I/O edge (evidence store, engines, files).
 */
export { addHypothesisToWorkspace, type NewHypothesisInput } from "./add.ts";
export { formatHypothesis, formatHypothesisList, formatPlanReport, formatRunReport } from "./format.ts";
export {
  type Calibrated,
  calibrateAfterEvent,
  calibrateCrash,
  calibrateDepthBand,
  calibrateReadyDepth,
  calibrateStalenessWindow,
  coPendingDepths,
  kindFrontiers,
  maxWritesPerReconcile,
} from "./calibration.ts";
export {
  convergedGroups,
  describePredicate,
  EVIDENCE_FINDERS,
  type Evidence,
  holds,
  type JudgeInput,
  type Judgement,
  judgeChecks,
  type JudgeChecks,
  judgeOutcome,
  judgeReference,
  type LoadedDump,
  type Observation,
} from "./judge/index.ts";
export { DEFAULT_TRIALS, PERTURBATIONS, targetsOf } from "./perturbations/index.ts";
export { type Plan, planHypothesis } from "./plan.ts";
export { baseScenarioOf, type PlanReport, planHypothesisInWorkspace } from "./plan-workspace.ts";
export {
  CHECKS,
  type CheckContext,
  checkTargets,
  DEFAULT_MAX_DEPTH,
  preflightBlocked,
  preflightFailed,
  runPreflight,
} from "./preflight/index.ts";
export { CHECKS_FILE, loadProjectChecks } from "./project-checks.ts";
export { type ProjectFacts, loadProjectFacts } from "./project-facts.ts";
export { type ReferenceFacts, referenceFacts, seedKindSequences, type StepFact } from "./reference-facts.ts";
export {
  baselineRunOf,
  type HypothesisRuns,
  type HypothesisTarget,
  hypothesisTarget,
  judgeHypothesisRuns,
  prepareHypothesisRun,
  type RunHypothesisOptions,
  type RunReport,
  runHypothesisInWorkspace,
} from "./run-workspace.ts";
export {
  defaultEngineFor,
  type HypothesisEnv,
  latestReferenceRun,
  loadRunDumps,
  runAndRecord,
} from "./runs.ts";
export { mergeTuning } from "./tuning-patch.ts";
export type {
  Calibration,
  EvidenceKind,
  PerturbationBuilder,
  PlanContext,
  PreflightCheckId,
  PreflightIssue,
  TuningPatch,
} from "./types.ts";
export {
  nextVariantNumber,
  pickScenario,
  variantDocument,
  writeVariant,
} from "./variant.ts";
export { type AddFlags, parseAddFlags } from "./add-options.ts";
