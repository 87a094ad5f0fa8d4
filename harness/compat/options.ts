import type { RunMode } from "../../src/formats/run-record.ts";
import type { FlagSpec, FlagValue } from "./go-flags.ts";

/** The kamera harness flags this command speaks (kamera-formats §3.1), plus `-project` to pick the target. */
export const COMPAT_FLAGS: FlagSpec[] = [
  { name: "inputs", type: "string", default: "", usage: "path to an inputs (workflow) file" },
  { name: "output", type: "string", default: "", usage: "dump output directory" },
  {
    name: "interactive",
    type: "bool",
    default: true,
    usage: "launch the TUI inspector (not supported here)",
  },
  {
    name: "closed-loop",
    type: "bool",
    default: true,
    usage: "run a reference phase, then auto-planned perturbation phases",
  },
  { name: "no-perturbations", type: "bool", default: false, usage: "strip perturbation config" },
  { name: "depth", type: "int", default: 10, usage: "default exploration depth (tuning.maxDepth wins)" },
  { name: "timeout", type: "duration", default: 0, usage: "abort exploration after this time" },
  { name: "log-level", type: "string", default: "info", usage: "debug|info|warn|error" },
  {
    name: "project",
    type: "string",
    default: "",
    usage: "ctrlhunt project folder or project.ts (default $CTRLHUNT_HARNESS_PROJECT)",
  },
];

export interface CompatRun {
  inputs: string;
  output: string;
  mode: RunMode;
  /** Harness default depth; a scenario's tuning.maxDepth overrides it. */
  depth: number;
  /** 0 = no limit. */
  timeoutMs: number;
  project: string;
  logLevel: string;
}

/** Parsed flags → what to run, or the one-line reason it cannot run (exit 2, as a Go harness would). */
export function compatRun(
  values: Record<string, FlagValue>,
  env: NodeJS.ProcessEnv,
): { ok: true; run: CompatRun } | { ok: false; message: string } {
  const project = (values.project as string) || env.CTRLHUNT_HARNESS_PROJECT || "";
  if (values.inputs === "") return { ok: false, message: "--inputs is required" };
  if (values.output === "") return { ok: false, message: "--output is required (a dump directory)" };
  if (values.interactive === true)
    return { ok: false, message: "interactive mode is not supported: pass --interactive=false" };
  if (project === "")
    return { ok: false, message: "no project: pass --project <dir> or set CTRLHUNT_HARNESS_PROJECT" };
  const closedLoop = values["closed-loop"] === true;
  const mode: RunMode = closedLoop
    ? "closed-loop"
    : values["no-perturbations"] === true
      ? "reference"
      : "exploration";
  return {
    ok: true,
    run: {
      inputs: values.inputs as string,
      output: values.output as string,
      mode,
      depth: values.depth as number,
      timeoutMs: values.timeout as number,
      project,
      logLevel: values["log-level"] as string,
    },
  };
}
