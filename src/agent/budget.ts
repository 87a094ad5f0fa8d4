import type { AgentStopReason, AgentUsage } from "../formats/transcript.ts";
import { totalTokens } from "./pricing.ts";

/** Limits of one agent-driven phase; any may be absent. */
export interface AgentBudget {
  maxTokens?: number;
  maxUsd?: number;
  maxTurns?: number;
}

/** Which limit (if any) the spend so far has reached, with the reason in words for the transcript. */
export function budgetStop(
  budget: AgentBudget,
  spent: { usage: AgentUsage; costUsd: number; turns: number },
): { stopReason: AgentStopReason; reason: string } | undefined {
  const tokens = totalTokens(spent.usage);
  if (budget.maxUsd !== undefined && spent.costUsd >= budget.maxUsd)
    return {
      stopReason: "budget-usd",
      reason: `dollar budget exhausted: spent $${spent.costUsd.toFixed(4)} of $${budget.maxUsd} after ${spent.turns} turn(s)`,
    };
  if (budget.maxTokens !== undefined && tokens >= budget.maxTokens)
    return {
      stopReason: "budget-tokens",
      reason: `token budget exhausted: ${tokens} of ${budget.maxTokens} tokens after ${spent.turns} turn(s)`,
    };
  if (budget.maxTurns !== undefined && spent.turns >= budget.maxTurns)
    return {
      stopReason: "max-turns",
      reason: `turn limit reached: ${spent.turns} of ${budget.maxTurns} turns`,
    };
  return undefined;
}
