/** Public API of the ctrlhunt package (pinned by test/public-api.test.ts). */
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
  type EmbeddedEngineOptions,
  embeddedEngine,
  engineFor,
  type KameraEngineOptions,
  kameraEngine,
  type ExploreOptions,
  type ExploreOutput,
  exploreScenario,
  loadEmbeddedProject,
  type Optimizations,
  writeDumpJson,
} from "./engine/index.ts";
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
export {
  type ExternalInput,
  type FaultInjection,
  Scenario,
  type StalenessInterval,
  Tuning,
  WorkflowFile,
} from "./formats/workflow.ts";
export { parseProjectJson, ProjectJson } from "./formats/project-json.ts";
export { checkWorkflow, parseWorkflow, parseWorkflowText, serializeWorkflow } from "./formats/workflow-io.ts";
export { canonicalKindOf, checkCanonicalKind } from "./formats/workflow-kinds.ts";
export { resolveScenario, resolveWorkflow, withoutPerturbations } from "./formats/workflow-resolve.ts";
export { ResolvedScenario } from "./formats/workflow-resolved.ts";
export {
  type ControllerFacts,
  type LintIssue,
  lintWorkflow,
  lintWorkflowFiles,
  migrateWorkflow,
  readWorkflowFile,
  validateWorkflowFiles,
  workflowJsonSchema,
  writeWorkflowFile,
} from "./scenario/index.ts";
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
export {
  buildProvenance,
  buildRerunSection,
  commitsBetween,
  compareRerun,
  type EvidenceStore,
  lintEvidence,
  lintWorkspace,
  openEvidenceStore,
} from "./evidence/index.ts";
export {
  addHypothesisToWorkspace,
  type HypothesisEnv,
  judgeOutcome,
  type Judgement,
  PERTURBATIONS,
  type Plan,
  type PlanReport,
  planHypothesis,
  planHypothesisInWorkspace,
  type PreflightIssue,
  referenceFacts,
  type RunReport,
  runHypothesisInWorkspace,
  runPreflight,
} from "./hypotheses/index.ts";
export {
  buildAnalysisModel,
  buildRollupModel,
  renderAnalysis,
  renderRollup,
  writeProjectReport,
  writeRollupReport,
} from "./report/index.ts";
export { type AuthorResult, authorScenarios } from "./phases/author/index.ts";
export { checkSurfaceContract, type MapResult, mapProject, readSurfaceMap } from "./phases/map/index.ts";
export { loadPlaybooks, renderPlaybook } from "./phases/playbooks/index.ts";
export { PHASES, PhaseName, type PhaseInfo } from "./phases/registry.ts";
export { SurfaceMap } from "./formats/surface-map.ts";
export { ScenarioAnnotation } from "./formats/scenario-annotation.ts";
export {
  type AgentBudget,
  type AgentPhaseResult,
  AgentToolName,
  anthropicClient,
  runAgentPhase,
  runPhaseWithAgent,
} from "./agent/index.ts";
