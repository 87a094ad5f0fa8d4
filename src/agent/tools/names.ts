import { z } from "zod";

/** Every operation an agent may call: ctrlhunt's own commands, with validated inputs. */
export const AgentToolName = z.enum([
  "surface_map",
  "list_scenarios",
  "map_project",
  "author_scenarios",
  "read_source",
  "run_scenario",
  "metrics",
  "states",
  "diff",
  "paths",
  "kindseq",
  "add_hypothesis",
  "plan_hypothesis",
  "run_hypothesis",
  "draft_finding",
  "list_records",
  "validate_scenarios",
  "lint_scenarios",
  "list_findings",
  "show_finding",
  "explain_finding",
  "refine_explanation",
  "render_report",
  "render_rollup",
  "lint_evidence",
  "list_invariants",
  "propose_invariants",
  "add_invariant",
]);
export type AgentToolName = z.infer<typeof AgentToolName>;

/**
 * Operations of a whole session, offered to MCP clients only: the built-in loop runs inside one phase of a hunt,
 * and a hunt there would run the phases around it.
 */
export const SessionToolName = z.enum(["hunt"]);
export type SessionToolName = z.infer<typeof SessionToolName>;
