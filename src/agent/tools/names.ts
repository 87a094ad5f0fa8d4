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
]);
export type AgentToolName = z.infer<typeof AgentToolName>;
