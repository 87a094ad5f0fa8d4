import { z } from "zod";

/**
 * evidence/<project>/transcripts/<phase>-<n>.json: what an agent-driven phase asked and got, turn by turn,
 * rewritten atomically after every turn so an interrupted phase still leaves its transcript.
 */

export const AgentUsage = z.object({
  inputTokens: z.number().int().min(0),
  outputTokens: z.number().int().min(0),
  cacheCreationInputTokens: z.number().int().min(0),
  cacheReadInputTokens: z.number().int().min(0),
});
export type AgentUsage = z.infer<typeof AgentUsage>;

export const AgentStopReason = z.enum([
  "completed",
  "budget-tokens",
  "budget-usd",
  "max-turns",
  "max-tokens",
  "refusal",
  "api-error",
  "interrupted",
]);
export type AgentStopReason = z.infer<typeof AgentStopReason>;

export const TranscriptToolCall = z.looseObject({
  id: z.string(),
  name: z.string(),
  input: z.unknown(),
  ok: z.boolean(),
  /** what the model was told (truncated) */
  result: z.string(),
  durationMs: z.number().min(0),
});

export const TranscriptTurn = z.looseObject({
  index: z.number().int().min(0),
  responseId: z.string(),
  stopReason: z.string().nullable(),
  content: z.array(z.unknown()).describe("the assistant's content blocks as returned"),
  usage: AgentUsage,
  costUsd: z.number().min(0),
  retries: z.array(
    z.object({ attempt: z.number().int(), status: z.number().int().optional(), delayMs: z.number() }),
  ),
  toolCalls: z.array(TranscriptToolCall),
});
export type TranscriptTurn = z.infer<typeof TranscriptTurn>;

export const Transcript = z
  .looseObject({
    phase: z.string(),
    project: z.string(),
    n: z.number().int().min(1),
    model: z.string(),
    startedAt: z.string(),
    finishedAt: z.string().optional(),
    status: z.enum(["running", "finished"]),
    stopReason: AgentStopReason.optional(),
    reason: z.string().optional().describe("why the phase stopped, in words"),
    budget: z.looseObject({
      maxTokens: z.number().optional(),
      maxUsd: z.number().optional(),
      maxTurns: z.number().optional(),
    }),
    usage: AgentUsage,
    costUsd: z.number().min(0),
    pricing: z.string().describe("which price row the cost used"),
    system: z.string().describe("the rendered playbook sent as the system prompt"),
    tools: z.array(z.string()),
    kickoff: z.string(),
    turns: z.array(TranscriptTurn),
  })
  .describe("evidence/<project>/transcripts/<phase>-<n>.json");
export type Transcript = z.infer<typeof Transcript>;
