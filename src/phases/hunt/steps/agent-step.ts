import type { PhaseName } from "../../registry.ts";
import type { HuntContext } from "../context.ts";

/**
 * Let the model follow a phase's playbook within what is left of the dollar budget, and book its spend. Returns
 * the summary line, and why it stopped when it did not complete.
 */
export async function agentPass(
  ctx: HuntContext,
  phase: PhaseName,
): Promise<{ line: string; stopped?: string } | undefined> {
  if (!ctx.agent) return undefined;
  const res = await ctx.agent(phase, {
    ...(ctx.budget.usd !== undefined ? { maxUsd: Math.max(0, ctx.budget.usd - ctx.spent.usd) } : {}),
  });
  ctx.spent.usd += res.costUsd;
  ctx.spent.inputTokens += res.usage.inputTokens;
  ctx.spent.outputTokens += res.usage.outputTokens;
  const line = `agent: ${res.turns} turn(s), ${res.toolCalls.length} tool call(s), stopped: ${res.reason}`;
  return res.stopReason === "completed" ? { line } : { line, stopped: res.reason };
}
