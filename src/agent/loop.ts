import type Anthropic from "@anthropic-ai/sdk";
import type { AgentStopReason, AgentUsage, Transcript, TranscriptTurn } from "../formats/transcript.ts";
import type { Clock } from "../workspace/index.ts";
import { type AgentBudget, budgetStop } from "./budget.ts";
import type { MessagesClient } from "./client.ts";
import { addUsage, costOf, priceOf, ZERO_USAGE } from "./pricing.ts";
import { DEFAULT_RETRY, type RetryNote, type RetryPolicy, withRetry } from "./retry.ts";
import { runToolCall, toolParam } from "./run-tool.ts";
import type { AgentTool, ToolEnv } from "./tools/index.ts";
import { openTranscript, saveTranscript, transcriptDir } from "./transcript.ts";

export interface AgentPhaseOptions {
  client: MessagesClient;
  model: string;
  phase: string;
  /** the rendered playbook */
  system: string;
  tools: AgentTool[];
  env: ToolEnv;
  budget: AgentBudget;
  clock: Clock;
  retry?: RetryPolicy;
  maxResponseTokens?: number;
  maxResultChars?: number;
  kickoff?: string;
  /** aborting stops the phase before its next request (stop reason "interrupted"); the transcript is kept */
  signal?: AbortSignal;
  onEvent?: (e: AgentEvent) => void;
}

export type AgentEvent =
  | { type: "turn"; index: number; stopReason: string | null; costUsd: number }
  | { type: "tool"; name: string; ok: boolean }
  | { type: "retry"; attempt: number; status?: number; delayMs: number };

export interface AgentPhaseResult {
  stopReason: AgentStopReason;
  reason: string;
  turns: number;
  usage: AgentUsage;
  costUsd: number;
  transcript: string;
  toolCalls: Array<{ name: string; ok: boolean }>;
  finalText: string;
}

function usageOf(u: Anthropic.Usage): AgentUsage {
  return {
    inputTokens: u.input_tokens ?? 0,
    outputTokens: u.output_tokens ?? 0,
    cacheCreationInputTokens: u.cache_creation_input_tokens ?? 0,
    cacheReadInputTokens: u.cache_read_input_tokens ?? 0,
  };
}

const textOf = (content: Anthropic.ContentBlock[]) =>
  content
    .flatMap((b) => (b.type === "text" ? [b.text] : []))
    .join("\n")
    .trim();

/**
 * One agent-driven phase: a tool-use loop whose system prompt is the playbook and whose tools are ctrlhunt's
 * operations. Budgets are checked after every response (tools a response asked for are not run once a budget
 * is spent); the transcript is rewritten after every turn; the model can propose but records it writes stay
 * drafts (the tools never set a confirmed status).
 */
export async function runAgentPhase(o: AgentPhaseOptions): Promise<AgentPhaseResult> {
  const { price, known } = priceOf(o.model);
  const tools = new Map(o.tools.map((t) => [t.name as string, t]));
  const toolParams = o.tools.map((t, i) => toolParam(t, i === o.tools.length - 1));
  const system: Anthropic.TextBlockParam[] = [
    { type: "text", text: o.system, cache_control: { type: "ephemeral" } },
  ];
  const kickoff =
    o.kickoff ??
    `Run the ${o.phase} phase for project ${o.env.project}, following the playbook and using the tools. ` +
      "Finish with a short summary: what you did, what you recorded (IDs), what remains.";
  const messages: Anthropic.MessageParam[] = [{ role: "user", content: kickoff }];
  let t: Transcript = {
    phase: o.phase,
    project: o.env.project,
    n: 0,
    model: o.model,
    startedAt: o.clock.nowIso(),
    status: "running",
    budget: { ...o.budget },
    usage: ZERO_USAGE,
    costUsd: 0,
    pricing: known
      ? price.model
      : `${price.model} (unknown model ${o.model}: priced at the highest known rate)`,
    system: o.system,
    tools: o.tools.map((x) => x.name),
    kickoff,
    turns: [],
  };
  const opened = openTranscript(o.env.root, transcriptDir(o.env.root, o.env.project), t);
  t = { ...t, n: opened.n };
  const calls: AgentPhaseResult["toolCalls"] = [];
  let finalText = "";

  const finish = (stopReason: AgentStopReason, reason: string): AgentPhaseResult => {
    t = { ...t, status: "finished", stopReason, reason, finishedAt: o.clock.nowIso() };
    saveTranscript(opened.file, t);
    return {
      stopReason,
      reason,
      turns: t.turns.length,
      usage: t.usage,
      costUsd: t.costUsd,
      transcript: opened.file,
      toolCalls: calls,
      finalText,
    };
  };

  for (let index = 0; ; index++) {
    if (o.signal?.aborted) return finish("interrupted", `interrupted after ${t.turns.length} turn(s)`);
    const before = budgetStop(o.budget, { usage: t.usage, costUsd: t.costUsd, turns: t.turns.length });
    if (before) return finish(before.stopReason, before.reason);
    const retries: RetryNote[] = [];
    let resp: Anthropic.Message;
    try {
      resp = await withRetry(
        () =>
          o.client.messages.create(
            { model: o.model, max_tokens: o.maxResponseTokens ?? 4096, system, tools: toolParams, messages },
            o.signal ? { signal: o.signal } : undefined,
          ),
        {
          ...(o.retry ?? DEFAULT_RETRY),
          sleep: async (ms) => {
            const last = retries[retries.length - 1];
            o.onEvent?.({ type: "retry", attempt: last?.attempt ?? 0, status: last?.status, delayMs: ms });
            await (o.retry ?? DEFAULT_RETRY).sleep(ms);
          },
        },
        retries,
      );
    } catch (e) {
      if (o.signal?.aborted) return finish("interrupted", `interrupted during turn ${index + 1}`);
      const status = (e as { status?: number }).status;
      return finish(
        "api-error",
        `Messages API call failed${status ? ` (HTTP ${status})` : ""} after ${retries.length} retr${retries.length === 1 ? "y" : "ies"}: ${(e as Error).message}`,
      );
    }
    const usage = usageOf(resp.usage);
    const cost = costOf(usage, price);
    const turn: TranscriptTurn = {
      index,
      responseId: resp.id,
      stopReason: resp.stop_reason,
      content: resp.content,
      usage,
      costUsd: cost,
      retries,
      toolCalls: [],
    };
    t = { ...t, usage: addUsage(t.usage, usage), costUsd: t.costUsd + cost, turns: [...t.turns, turn] };
    messages.push({ role: "assistant", content: resp.content });
    o.onEvent?.({ type: "turn", index, stopReason: resp.stop_reason, costUsd: t.costUsd });
    const text = textOf(resp.content);
    if (text) finalText = text;

    if (resp.stop_reason === "tool_use") {
      const uses = resp.content.filter((b): b is Anthropic.ToolUseBlock => b.type === "tool_use");
      const spent = budgetStop(o.budget, { usage: t.usage, costUsd: t.costUsd, turns: t.turns.length });
      if (spent)
        return finish(spent.stopReason, `${spent.reason}; ${uses.length} requested tool call(s) not run`);
      const results: Anthropic.ToolResultBlockParam[] = [];
      for (const block of uses) {
        const started = o.clock.startMs();
        const out = await runToolCall(block, tools, o.env, o.maxResultChars ?? 16_000);
        results.push(out.result);
        calls.push({ name: block.name, ok: out.ok });
        turn.toolCalls.push({
          id: block.id,
          name: block.name,
          input: block.input,
          ok: out.ok,
          result: out.text,
          durationMs: o.clock.elapsedSince(started),
        });
        o.onEvent?.({ type: "tool", name: block.name, ok: out.ok });
      }
      messages.push({ role: "user", content: results });
      saveTranscript(opened.file, t);
      continue;
    }
    if (resp.stop_reason === "max_tokens")
      return finish("max-tokens", "the response hit max_tokens before finishing");
    if (resp.stop_reason === "refusal") return finish("refusal", "the model declined to continue");
    return finish("completed", `the model finished the phase (${resp.stop_reason ?? "no stop reason"})`);
  }
}
