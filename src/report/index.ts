/** Generated documents: pure models from records, handlebars rendering, hand regions, Mermaid; write-report.ts is the I/O edge. */
export {
  type AnalysisInputs,
  type AnalysisModel,
  buildAnalysisModel,
  type ProjectInfo,
} from "./analysis-model.ts";
export { artifactRows, type ScenarioFacts } from "./artifacts.ts";
export {
  type CoverageMatrix,
  coverageMatrix,
  DIMENSION_OF,
  type Perturbed,
  tuningDimensions,
} from "./coverage.ts";
export { block, cell, code, fenced, inline } from "./escape.ts";
export { type DumpFacts, type FindingView, findingView, pathKey } from "./finding-view.ts";
export { handRegions, mergeHandRegions } from "./hand-regions.ts";
export { loadAnalysisInputs, loadDumpFacts, loadProjectInfo, loadScenarioFacts } from "./inputs.ts";
export { type CitedPath, divergenceDiagram, mermaidLabel, perturbationMark } from "./mermaid.ts";
export { cyclingText, metricsRows } from "./metrics-view.ts";
export { END_MARKER, renderAnalysis, renderRollup } from "./render.ts";
export { buildRollupModel, type RollupModel, type RollupProjectInput } from "./rollup-model.ts";
export { type RenderedDocument, writeProjectReport, writeRollupReport } from "./write-report.ts";
export {
  type Explanation,
  explainFinding,
  explainStoredFinding,
  withExplanation,
} from "./explain/index.ts";
