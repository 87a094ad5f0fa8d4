import { openEvidenceStore } from "../evidence/index.ts";
import {
  loadPlaybook,
  projectContext,
  renderPlaybook,
  workspacePlaybookDir,
} from "../phases/playbooks/index.ts";
import type { PhaseName } from "../phases/registry.ts";
import type { Clock } from "../workspace/index.ts";
import type { AgentBudget } from "./budget.ts";
import type { MessagesClient } from "./client.ts";
import { type AgentEvent, type AgentPhaseResult, runAgentPhase } from "./loop.ts";
import type { RetryPolicy } from "./retry.ts";
import { toolsFor } from "./tools/index.ts";

export interface PhaseAgentOptions {
  root: string;
  project: string;
  phase: PhaseName;
  client: MessagesClient;
  model: string;
  budget: AgentBudget;
  clock: Clock;
  retry?: RetryPolicy;
  runTimeoutMs?: number;
  signal?: AbortSignal;
  onEvent?: (e: AgentEvent) => void;
}

/**
 * Drive one phase with the model: the phase's playbook rendered with the project's facts is the system prompt,
 * the tools the playbook lists are the only operations offered.
 */
export async function runPhaseWithAgent(o: PhaseAgentOptions): Promise<AgentPhaseResult> {
  const pb = loadPlaybook(o.phase, workspacePlaybookDir(o.root));
  const { tools } = toolsFor(pb.meta.tools);
  return runAgentPhase({
    client: o.client,
    model: o.model,
    phase: o.phase,
    system: renderPlaybook(pb, projectContext(o.root, o.project)),
    tools,
    env: {
      root: o.root,
      project: o.project,
      store: openEvidenceStore(o.root, { clock: o.clock }),
      ...(o.runTimeoutMs ? { runTimeoutMs: o.runTimeoutMs } : {}),
    },
    budget: o.budget,
    clock: o.clock,
    ...(o.retry ? { retry: o.retry } : {}),
    ...(o.onEvent ? { onEvent: o.onEvent } : {}),
    ...(o.signal ? { signal: o.signal } : {}),
  });
}
