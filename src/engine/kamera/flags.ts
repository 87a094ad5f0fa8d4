import { CtrlhuntError } from "../../errors/index.ts";
import type { RunMode } from "../../formats/run-record.ts";

/** What a harness binary's `-h` output says it accepts. */
export interface HarnessFlags {
  /** Every flag name listed, without dashes, sorted. */
  names: string[];
  /** Name of the closed-loop toggle: `closed-loop` in current kamera, `perturb` in older versions. */
  closedLoop: "closed-loop" | "perturb" | null;
}

/**
 * Read flag names from usage text. Handles Go's `flag` package (`  -depth int` / `  -closed-loop`) and
 * cobra/pflag (`  -d, --depth int`, `      --closed-loop`); description lines never start with a dash.
 */
export function parseHarnessHelp(text: string): HarnessFlags {
  const names = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const lead = /^\s+((?:--?[A-Za-z0-9][\w.-]*(?:,\s*)?)+)/.exec(line);
    if (!lead) continue;
    for (const m of lead[1].matchAll(/--?([A-Za-z0-9][\w.-]*)/g)) names.add(m[1]);
  }
  const closedLoop = names.has("closed-loop") ? "closed-loop" : names.has("perturb") ? "perturb" : null;
  return { names: [...names].sort(), closedLoop };
}

export interface HarnessArgsInput {
  inputs: string;
  output: string;
  maxDepth?: number;
  /** Exploration time budget handed to the harness's own `--timeout` (a Go duration is written). */
  harnessTimeoutMs?: number;
}

/**
 * The harness arguments for a run mode (kamera-workflow Phase D): reference = closed-loop off plus
 * `--no-perturbations`; exploration = closed-loop off (JSON tuning as written); closed-loop = on.
 * Booleans are written `--x=false` because Go's flag package ignores a separate `false` word.
 */
export function harnessArgs(mode: RunMode, flags: HarnessFlags, input: HarnessArgsInput): string[] {
  const has = (n: string) => flags.names.includes(n);
  for (const required of ["inputs", "interactive"]) {
    if (!has(required)) throw unsupported(`its -h output lists no --${required} flag`);
  }
  const outputFlag = has("output") ? "output" : has("dump-output") ? "dump-output" : null;
  if (outputFlag === null) throw unsupported("its -h output lists neither --output nor --dump-output");
  const args = ["--inputs", input.inputs, `--${outputFlag}`, input.output, "--interactive=false"];
  if (flags.closedLoop !== null) args.push(`--${flags.closedLoop}=${mode === "closed-loop"}`);
  else if (mode === "closed-loop")
    throw unsupported("it has no closed-loop flag (--closed-loop or --perturb)");
  if (mode === "reference") {
    if (!has("no-perturbations"))
      throw unsupported("reference mode needs --no-perturbations, which it lacks");
    args.push("--no-perturbations");
  }
  if (input.maxDepth !== undefined && has("depth")) args.push("--depth", String(input.maxDepth));
  if (input.harnessTimeoutMs !== undefined && has("timeout")) {
    args.push("--timeout", `${Math.max(1, Math.floor(input.harnessTimeoutMs))}ms`);
  }
  return args;
}

function unsupported(why: string): CtrlhuntError {
  return new CtrlhuntError("CTRLHUNT_UNSUPPORTED", `the kamera harness cannot run this mode: ${why}`);
}
