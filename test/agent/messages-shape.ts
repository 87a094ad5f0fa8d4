import type Anthropic from "@anthropic-ai/sdk";
import { z } from "zod";

/**
 * The Messages API response shape as the installed SDK types it (`Anthropic.Message`, `ErrorResponse`): every
 * required field, nothing else. The assertions below fail to compile when the SDK's types grow a required field
 * the schema lacks, so recorded fixtures cannot silently fall behind the API (re-shape them with
 * scripts/record-anthropic.ts).
 */

const TextBlock = z.strictObject({ type: z.literal("text"), text: z.string(), citations: z.null() });
const ToolUseBlock = z.strictObject({
  type: z.literal("tool_use"),
  id: z.string(),
  name: z.string(),
  input: z.record(z.string(), z.unknown()),
  caller: z.strictObject({ type: z.literal("direct") }),
});

export const MessageShape = z.strictObject({
  id: z.string(),
  type: z.literal("message"),
  role: z.literal("assistant"),
  model: z.string(),
  content: z.array(z.discriminatedUnion("type", [TextBlock, ToolUseBlock])),
  container: z.null(),
  diagnostics: z.null(),
  stop_details: z.null(),
  stop_reason: z
    .enum([
      "end_turn",
      "max_tokens",
      "stop_sequence",
      "tool_use",
      "pause_turn",
      "refusal",
      "model_context_window_exceeded",
    ])
    .nullable(),
  stop_sequence: z.string().nullable(),
  usage: z.strictObject({
    cache_creation: z
      .strictObject({
        ephemeral_1h_input_tokens: z.number().int(),
        ephemeral_5m_input_tokens: z.number().int(),
      })
      .nullable(),
    cache_creation_input_tokens: z.number().int().nullable(),
    cache_read_input_tokens: z.number().int().nullable(),
    inference_geo: z.string().nullable(),
    input_tokens: z.number().int(),
    output_tokens: z.number().int(),
    output_tokens_details: z.null(),
    server_tool_use: z.null(),
    service_tier: z.enum(["standard", "priority", "batch"]).nullable(),
    speed: z.enum(["standard", "fast"]).nullable(),
  }),
});

export const ErrorShape = z.strictObject({
  type: z.literal("error"),
  error: z.strictObject({
    type: z.enum([
      "invalid_request_error",
      "authentication_error",
      "billing_error",
      "permission_error",
      "not_found_error",
      "rate_limit_error",
      "timeout_error",
      "api_error",
      "overloaded_error",
    ]),
    message: z.string(),
  }),
  request_id: z.string().nullable(),
});

// Compile-time: a body the schemas accept is a value of the SDK's own types (every required field present).
type Assignable<A, B> = [A] extends [B] ? true : false;
const messageFits: Assignable<z.infer<typeof MessageShape>, Anthropic.Message> = true;
const errorFits: Assignable<z.infer<typeof ErrorShape>, Anthropic.ErrorResponse> = true;
export const SHAPES_FIT_SDK = messageFits && errorFits;
