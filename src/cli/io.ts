import { visible } from "../formats/visible-text.ts";

/** Where a command's output goes; tests capture it, the binary writes to the process streams. */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  /** True when stderr is a terminal (progress bars only then). */
  isTTY: boolean;
  /** Terminal control sequences (cursor moves of a progress line) to stderr, written as they are. */
  control?(sequence: string): void;
}

export interface CliContext {
  io: CliIO;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** The command line after `ctrlhunt` (named by the hunt lock). */
  argv?: readonly string[];
  /** Set by a command to report failure without throwing (e.g. 1 = problems found, 3 = partial). */
  exitCode: number;
}

export function processIO(): CliIO {
  // `ctrlhunt … | head`: a closed pipe ends the output, not the process with a stack trace.
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw e;
  });
  return {
    out: (t) => process.stdout.write(t.endsWith("\n") ? t : `${t}\n`),
    err: (t) => process.stderr.write(t.endsWith("\n") ? t : `${t}\n`),
    control: (s) => process.stderr.write(s),
    isTTY: Boolean(process.stderr.isTTY),
  };
}

/** Text printed may quote records and messages: control characters in it are shown, never obeyed. */
export function visibleIO(io: CliIO): CliIO {
  return { ...io, out: (t) => io.out(visible(t)), err: (t) => io.err(visible(t)) };
}

/** Print `value` as pretty JSON (for --json) with a trailing newline. */
export function printJson(ctx: CliContext, value: unknown): void {
  ctx.io.out(`${JSON.stringify(value, null, 2)}\n`);
}
