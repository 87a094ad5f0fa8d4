/** The Anthropic agent driver: a tool-use loop per phase over ctrlhunt's own operations, with budgets. */
export { type AgentBudget, budgetStop } from "./budget.ts";
export { anthropicClient, DEFAULT_MODEL, type MessagesClient } from "./client.ts";
export { type AgentEvent, type AgentPhaseOptions, type AgentPhaseResult, runAgentPhase } from "./loop.ts";
export { addUsage, costOf, type Price, PRICES, priceOf, totalTokens } from "./pricing.ts";
export { DEFAULT_RETRY, isRetryable, type RetryPolicy, retryDelay, withRetry } from "./retry.ts";
export { type PhaseAgentOptions, runPhaseWithAgent } from "./run-phase.ts";
export { runToolCall, toolParam } from "./run-tool.ts";
export {
  AGENT_TOOLS,
  type AgentTool,
  AgentToolName,
  SESSION_TOOLS,
  SessionToolName,
  defineTool,
  type ToolEnv,
  toolsFor,
} from "./tools/index.ts";
export { openTranscript, saveTranscript, transcriptDir } from "./transcript.ts";
export { createMcpServer, type McpOptions, serveMcp } from "./mcp/index.ts";
export { executeTool, type ToolText } from "./run-tool.ts";
