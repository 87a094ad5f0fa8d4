import { z } from "zod";
import { CtrlhuntError, formatPath } from "../errors/index.ts";
import { parseJsonText } from "./json-text.ts";
import { HypothesisType } from "./records.ts";

/**
 * projects/<project>/project.json: a target explored by a kamera harness binary instead of the embedded engine.
 * Relative paths (harness.cwd, source.repo) are resolved against the folder that holds project.json.
 */

const nonBlank = (what: string) => z.string().trim().min(1, `${what} must be a non-empty string`);

export const HarnessCommand = z
  .union([
    nonBlank("harness.command"),
    z.array(nonBlank("each harness.command entry")).min(1, "harness.command needs at least the program"),
  ])
  .describe(
    "Program and fixed arguments, run without a shell. A string is split on whitespace (quotes group words).",
  );
export type HarnessCommand = z.infer<typeof HarnessCommand>;

export const HarnessSpec = z
  .looseObject({
    command: HarnessCommand,
    cwd: z.string().optional().describe("Working directory, relative to project.json's folder"),
    env: z.record(z.string(), z.string()).optional().describe("Extra environment variables"),
  })
  .describe("How to run the kamera harness (flags --inputs --output --interactive=false … are added)");
export type HarnessSpec = z.infer<typeof HarnessSpec>;

export const ProjectJson = z
  .looseObject({
    engine: z.literal("kamera", { error: 'engine must be "kamera" (embedded targets use project.ts)' }),
    name: z.string().optional(),
    description: z.string().optional(),
    harness: HarnessSpec,
    source: z
      .looseObject({ repo: nonBlank("source.repo") })
      .optional()
      .describe("Controller source checkout (git provenance, code citations)"),
    controllers: z.array(z.string().min(1)).optional().describe("Reconciler IDs the harness registers"),
    perturbations: z
      .array(HypothesisType)
      .optional()
      .describe(
        "Hypothesis types the harness can run (absent: all, as a full kamera harness). The planner proposes only these.",
      ),
  })
  .describe("A kamera target: a harness binary speaking kamera's harness CLI");
export type ProjectJson = z.infer<typeof ProjectJson>;

/** Validate parsed project.json content; every problem names the file and the dotted field. */
export function validateProjectJson(data: unknown, file: string): ProjectJson {
  const res = ProjectJson.safeParse(data);
  if (res.success) return res.data;
  const issues = res.error.issues.map((i) => ({ file, path: formatPath(i.path), message: i.message }));
  throw new CtrlhuntError(
    "CTRLHUNT_PROJECT_INVALID",
    `${file}: invalid project.json (${issues.length} problem(s))`,
    { issues },
  );
}

export function parseProjectJson(text: string, file: string): ProjectJson {
  return validateProjectJson(parseJsonText(text, file), file);
}

/** Split a command string into words: whitespace separates, single or double quotes group; no expansion. */
export function splitCommand(command: HarnessCommand): string[] {
  if (Array.isArray(command)) return [...command];
  const words: string[] = [];
  let word: string | null = null;
  let quote: string | null = null;
  for (const ch of command) {
    if (quote !== null) {
      if (ch === quote) quote = null;
      else word += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      word ??= "";
    } else if (/\s/.test(ch)) {
      if (word !== null) words.push(word);
      word = null;
    } else word = (word ?? "") + ch;
  }
  if (word !== null) words.push(word);
  return words;
}
