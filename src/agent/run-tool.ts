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

/** A tool call's outcome in words, for any caller (the Messages API loop, the MCP server). */
export interface ToolText {
  ok: boolean;
  text: string;
}

/**
 * Validate and run one tool. Invalid input, a CtrlhuntError or an unknown tool comes back as an error text the
 * model can read (with the zod issues), never as a thrown error.
 */
export async function executeTool(
  name: string,
  input: unknown,
  tools: ReadonlyMap<string, AgentTool>,
  env: ToolEnv,
  maxChars: number,
): Promise<ToolText> {
  const fail = (text: string): ToolText => ({ ok: false, text: truncate(text, maxChars) });
  const tool = tools.get(name);
  if (!tool) return fail(`unknown tool "${name}"; available: ${[...tools.keys()].join(", ")}`);
  const parsed = tool.input.safeParse(input);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `- ${formatPath(i.path) || "(input)"}: ${i.message}`);
    return fail(`invalid input for ${name}:\n${lines.join("\n")}\nFix the input and call the tool again.`);
  }
  try {
    const out = await tool.run(parsed.data, env);
    return { ok: true, text: truncate(JSON.stringify(out ?? null, null, 1), maxChars) };
  } catch (e) {
    if (isCtrlhuntError(e))
      return fail([`${name} failed: ${e.message}`, ...e.issues.map((i) => formatIssue(i))].join("\n"));
    return fail(`${name} failed with an internal error: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** One tool_use block of a Messages API response, run and wrapped as its tool_result block. */
export async function runToolCall(
  block: Anthropic.ToolUseBlock,
  tools: Map<string, AgentTool>,
  env: ToolEnv,
  maxChars: number,
): Promise<ToolOutcome> {
  const out = await executeTool(block.name, block.input, tools, env, maxChars);
  return {
    ...out,
    result: out.ok
      ? { type: "tool_result", tool_use_id: block.id, content: out.text }
      : { type: "tool_result", tool_use_id: block.id, is_error: true, content: out.text },
  };
}
