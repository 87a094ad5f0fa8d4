import { diffTool, kindseqTool, metricsTool, pathsTool, statesTool } from "./analysis-tools.ts";
import type { AgentToolName, SessionToolName } from "./names.ts";
import {
  authorScenariosTool,
  listScenariosTool,
  mapProjectTool,
  readSourceTool,
  surfaceMapTool,
} from "./project-tools.ts";
import { addHypothesisTool, draftFindingTool, listRecordsTool } from "./record-tools.ts";
import { planHypothesisTool, runHypothesisTool, runScenarioTool } from "./run-tools.ts";
import type { AgentTool } from "./tool.ts";
import { explainFindingTool, refineExplanationTool } from "./explain-tools.ts";
import {
  addInvariantTool,
  huntTool,
  lintEvidenceTool,
  lintScenariosTool,
  listFindingsTool,
  listInvariantsTool,
  proposeInvariantsTool,
  renderReportTool,
  renderRollupTool,
  showFindingTool,
  validateScenariosTool,
} from "./workspace-tools.ts";

export { AgentToolName, SessionToolName } from "./names.ts";
export { type AgentTool, defineTool, type ToolEnv } from "./tool.ts";

/** Every tool by name; a name without an implementation fails to compile. */
export const AGENT_TOOLS: Record<AgentToolName, AgentTool> = {
  surface_map: surfaceMapTool,
  list_scenarios: listScenariosTool,
  map_project: mapProjectTool,
  author_scenarios: authorScenariosTool,
  read_source: readSourceTool,
  run_scenario: runScenarioTool,
  metrics: metricsTool,
  states: statesTool,
  diff: diffTool,
  paths: pathsTool,
  kindseq: kindseqTool,
  add_hypothesis: addHypothesisTool,
  plan_hypothesis: planHypothesisTool,
  run_hypothesis: runHypothesisTool,
  draft_finding: draftFindingTool,
  list_records: listRecordsTool,
  validate_scenarios: validateScenariosTool,
  lint_scenarios: lintScenariosTool,
  list_findings: listFindingsTool,
  show_finding: showFindingTool,
  explain_finding: explainFindingTool,
  refine_explanation: refineExplanationTool,
  render_report: renderReportTool,
  render_rollup: renderRollupTool,
  lint_evidence: lintEvidenceTool,
  list_invariants: listInvariantsTool,
  propose_invariants: proposeInvariantsTool,
  add_invariant: addInvariantTool,
};

/** Tools of a whole session (MCP clients only; see SessionToolName). */
export const SESSION_TOOLS: Record<SessionToolName, AgentTool> = { hunt: huntTool };

/** The tools a phase's playbook lists, in that order; unknown names are reported, not silently dropped. */
export function toolsFor(names: readonly string[]): { tools: AgentTool[]; unknown: string[] } {
  const tools: AgentTool[] = [];
  const unknown: string[] = [];
  for (const n of names) {
    const t = (AGENT_TOOLS as Record<string, AgentTool | undefined>)[n];
    if (t) tools.push(t);
    else unknown.push(n);
  }
  return { tools, unknown };
}
