import type { z } from "zod";
import type { Engine } from "../../engine/types.ts";
import type { EvidenceStore } from "../../evidence/index.ts";
import type { AgentToolName, SessionToolName } from "./names.ts";

/** What tools run against: one workspace project, its evidence store, and how to get an engine. */
export interface ToolEnv {
  root: string;
  project: string;
  store: EvidenceStore;
  engineFor?: (project: string) => Engine;
  /** default wall-clock limit of one engine run */
  runTimeoutMs?: number;
  /** Aborting cancels a long tool: engine runs stop at the next state, the run is recorded as partial. */
  signal?: AbortSignal;
  /** Long tools say what they are doing (the MCP server turns this into progress notifications). */
  progress?: (message: string) => void;
}

/** One agent tool: a name, a description the model reads, a strict zod input, and the operation. */
export interface AgentTool<S extends z.ZodType = z.ZodType> {
  name: AgentToolName | SessionToolName;
  description: string;
  input: S;
  run(input: z.infer<S>, env: ToolEnv): Promise<unknown>;
}

export function defineTool<S extends z.ZodType>(t: AgentTool<S>): AgentTool<S> {
  return t;
}
