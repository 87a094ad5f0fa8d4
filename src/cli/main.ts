import { CommanderError } from "commander";
import { formatIssue, type Issue, isCtrlhuntError } from "../errors/index.ts";
import { type CliContext, type CliIO, processIO, visibleIO } from "./io.ts";
import { programFor } from "./lazy-program.ts";

/**
 * CLI entry: parse, run one command, map errors to one-line messages and exit codes.
 * Expected errors (CtrlhuntError) never print a stack; unexpected ones do, with CTRLHUNT_DEBUG=1.
 */
export async function main(
  argv: string[],
  opts: { io?: CliIO; cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<number> {
  const ctx: CliContext = {
    io: visibleIO(opts.io ?? processIO()),
    cwd: opts.cwd ?? process.cwd(),
    env: opts.env ?? process.env,
    argv,
    exitCode: 0,
  };
  try {
    const program = await programFor(ctx, argv);
    await program.parseAsync(argv, { from: "user" });
    return ctx.exitCode;
  } catch (e) {
    return reportError(ctx, e, argv.includes("--json"));
  }
}

/** What `--json` prints on stdout for a failed command (same exit codes as the text form). */
export interface JsonError {
  error: { code: string; message: string; file?: string; path?: string; issues?: Issue[] };
}

function jsonError(code: string, message: string, issues: Issue[] = []): JsonError {
  const first = issues[0];
  return {
    error: {
      code,
      message,
      ...(first?.file ? { file: first.file } : {}),
      ...(first?.path ? { path: first.path } : {}),
      ...(issues.length ? { issues } : {}),
    },
  };
}

function reportError(ctx: CliContext, e: unknown, json: boolean): number {
  const emit = (err: JsonError) => ctx.io.out(`${JSON.stringify(err, null, 2)}\n`);
  if (e instanceof CommanderError) {
    // help and version are "errors" to commander's exitOverride; their text is already printed.
    if (e.code === "commander.helpDisplayed" || e.code === "commander.version" || e.code === "commander.help")
      return 0;
    if (e.exitCode === 0) return 0;
    if (json) emit(jsonError("CTRLHUNT_USAGE", e.message.replace(/^error: /, "")));
    return 2;
  }
  if (isCtrlhuntError(e)) {
    if (json) emit(jsonError(e.code, e.message, e.issues));
    else if (e.issues.length > 0) for (const issue of e.issues) ctx.io.err(formatIssue(issue));
    else ctx.io.err(`error: ${e.message}`);
    return e.exitCode;
  }
  const msg = e instanceof Error ? e.message : String(e);
  if (json) emit(jsonError("CTRLHUNT_INTERNAL", msg));
  ctx.io.err(`internal error: ${msg}`);
  if (ctx.env.CTRLHUNT_DEBUG && e instanceof Error && e.stack) ctx.io.err(e.stack);
  else ctx.io.err("(set CTRLHUNT_DEBUG=1 for a stack trace; please report this)");
  return 70;
}
