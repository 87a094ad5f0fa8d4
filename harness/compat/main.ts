import { formatIssue, isCtrlhuntError } from "../../src/errors/index.ts";
import { goUsage, parseGoFlags } from "./go-flags.ts";
import { COMPAT_FLAGS, compatRun } from "./options.ts";

const PROGRAM = "ctrlhunt-harness";

/**
 * The command's edge: flags → run → exit code, text on stderr (a Go harness logs there too). Exit codes follow a
 * Go harness: 0 done, 1 a scenario failed (its failure dump is written), 2 usage.
 */
export async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const err = (line: string) => process.stderr.write(`${line}\n`);
  const parsed = parseGoFlags(argv, COMPAT_FLAGS);
  if (parsed.kind === "help") {
    err(goUsage(PROGRAM, COMPAT_FLAGS).trimEnd());
    return 0;
  }
  if (parsed.kind === "error") {
    err(parsed.message);
    err(goUsage(PROGRAM, COMPAT_FLAGS).trimEnd());
    return 2;
  }
  const run = compatRun(parsed.values, env);
  if (!run.ok) {
    err(`${PROGRAM}: ${run.message}`);
    return 2;
  }
  try {
    const { runCompat } = await import("./run.ts"); // the engine loads only for a real run, not for -h
    const quiet = ["warn", "error"].includes(run.run.logLevel);
    const result = await runCompat(run.run, env, quiet ? () => {} : err);
    return result.failures.length > 0 ? 1 : 0;
  } catch (e) {
    if (!isCtrlhuntError(e)) throw e;
    if (e.issues.length > 0) for (const issue of e.issues) err(formatIssue(issue));
    else err(`${PROGRAM}: ${e.message}`);
    return 1;
  }
}
