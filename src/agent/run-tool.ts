import type Anthropic from "@anthropic-ai/sdk";
import { z } from "zod";
import { formatIssue, formatPath, isCtrlhuntError } from "../errors/index.ts";
import type { AgentTool, ToolEnv } from "./tools/index.ts";

export interface ToolOutcome {
  result: Anthropic.ToolResultBlockParam;
  ok: boolean;
  text: string;
}

function truncate(text: string, max: number): string {
  return text.length <= max
    ? text
    : `${text.slice(0, max)}\n…(truncated ${text.length - max} characters; narrow the request)`;
}

/** JSON Schema for the Messages API from the tool's zod input (the input side: defaults are optional). */
export function toolParam(t: AgentTool, cache: boolean): Anthropic.Tool {
  const { $schema: _drop, ...schema } = z.toJSONSchema(t.input, { io: "input" }) as Record<string, unknown>;
  return {
    name: t.name,
    description: t.description,
    input_schema: schema as Anthropic.Tool.InputSchema,
    ...(cache ? { cache_control: { type: "ephemeral" as const } } : {}),
  };
}

/**
 * Validate and run one tool call. Invalid input, a CtrlhuntError or an unknown tool comes back as an error
 * result the model can read (with the zod issues), never as a thrown error.
 */
export async function runToolCall(
  block: Anthropic.ToolUseBlock,
  tools: Map<string, AgentTool>,
  env: ToolEnv,
  maxChars: number,
): Promise<ToolOutcome> {
  const fail = (text: string): ToolOutcome => ({
    ok: false,
    text,
    result: { type: "tool_result", tool_use_id: block.id, is_error: true, content: truncate(text, maxChars) },
  });
  const tool = tools.get(block.name);
  if (!tool) return fail(`unknown tool "${block.name}"; available: ${[...tools.keys()].join(", ")}`);
  const parsed = tool.input.safeParse(block.input);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `- ${formatPath(i.path) || "(input)"}: ${i.message}`);
    return fail(
      `invalid input for ${block.name}:\n${lines.join("\n")}\nFix the input and call the tool again.`,
    );
  }
  try {
    const out = await tool.run(parsed.data, env);
    const text = truncate(JSON.stringify(out ?? null, null, 1), maxChars);
    return { ok: true, text, result: { type: "tool_result", tool_use_id: block.id, content: text } };
  } catch (e) {
    if (isCtrlhuntError(e))
      return fail([`${block.name} failed: ${e.message}`, ...e.issues.map((i) => formatIssue(i))].join("\n"));
    return fail(`${block.name} failed with an internal error: ${e instanceof Error ? e.message : String(e)}`);
  }
}
