import path from "node:path";
import { Option } from "commander";
import { formatRunSummary, NO_OPTIMIZATIONS, runEmbedded } from "../../engine/index.ts";
import { CtrlhuntError } from "../../errors/index.ts";
import type { RunMode } from "../../formats/run-record.ts";
import { findWorkspaceRoot, outputFolder } from "../../workspace/index.ts";
import { printJson } from "../io.ts";
import { engineProgress } from "../progress.ts";
import type { RegisterCommands } from "./index.ts";

/** `ctrlhunt explore`: run scenarios through the embedded engine and write kamera-format dumps. */

/** A commander parser for a whole-number flag (shared with `campaign`). */
export function whole(flag: string, min: number) {
  return (v: string) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min) {
      throw new CtrlhuntError("CTRLHUNT_USAGE", `${flag} must be a whole number ≥ ${min}, got "${v}"`);
    }
    return n;
  };
}

function seconds(v: string): number {
  const n = Number(v);
  if (!(n > 0))
    throw new CtrlhuntError("CTRLHUNT_USAGE", `--timeout must be a number of seconds > 0, got "${v}"`);
  return n;
}

/** `--mode` and `--trials`, as `explore` and `campaign plan` take them. */
export const modeOption = () =>
  new Option("--mode <mode>", "reference | exploration | closed-loop")
    .choices(["reference", "exploration", "closed-loop"])
    .default("closed-loop");
export const trialsOption = () =>
  new Option("--trials <n>", "Monte Carlo trials per scenario (implies Monte Carlo search)").argParser(
    whole("--trials", 1),
  );

const collect = (v: string, prev: string[] = []) => [...prev, v];

interface ExploreFlags {
  inputs: string;
  output: string;
  mode: RunMode;
  trials?: number;
  workers?: number;
  timeout?: number;
  maxDepth?: number;
  scenario: string[];
  seed?: number;
  optimizations: boolean;
  emitStats?: boolean;
  json?: boolean;
  workspace?: string;
}

export const registerExploreCommands: RegisterCommands = (program, ctx) => {
  program
    .command("explore")
    .description(
      "Explore scenarios with the embedded engine (kamera semantics); writes one dump per scenario × phase × trial",
    )
    .argument("<project>", "project name in the workspace, or a path to a project.ts")
    .requiredOption("--inputs <file>", "kamera inputs (scenario) file")
    .requiredOption("--output <dir>", "folder for the dumps (*.jsonl)")
    .addOption(modeOption())
    .addOption(trialsOption())
    .option("--workers <n>", "worker threads for Monte Carlo trials", whole("--workers", 1))
    .option(
      "--timeout <seconds>",
      "wall-clock budget; later work is skipped and the run marked partial",
      seconds,
    )
    .option("--max-depth <n>", "override tuning.maxDepth", whole("--max-depth", 1))
    .option("--scenario <name>", "only this scenario (repeatable)", collect, [])
    .option(
      "--seed <n>",
      "base seed (Monte Carlo; also part of the derived invocation id)",
      whole("--seed", 0),
    )
    .option("--no-optimizations", "turn every search optimisation off (ground truth, slower)")
    .option("--emit-stats", "write kamera's raw ExploreStats into each dump")
    .option("--json", "machine-readable run record and per-dump summary")
    .option(
      "--workspace <dir>",
      "workspace root (default: nearest folder with projects/, else the current folder)",
    )
    .addHelpText(
      "after",
      "\nExamples:\n  $ ctrlhunt explore kro-lite --inputs projects/kro-lite/scenarios/k1_ordering.json --output out/ --mode exploration\n  $ ctrlhunt explore ./project.ts --inputs scenarios.json --output out/ --mode closed-loop --timeout 60\n  $ ctrlhunt explore kro-lite --inputs mc.json --output out/ --trials 20 --workers 2\n\nExit codes: 0 ok, 1 bad input, 3 partial (timeout: some work skipped).",
    )
    .action(async (project: string, o: ExploreFlags) => {
      const asFile = project.endsWith(".ts");
      const root = o.workspace
        ? path.resolve(ctx.cwd, o.workspace)
        : asFile
          ? ctx.cwd
          : findWorkspaceRoot(ctx.cwd);
      const outDir = outputFolder(path.resolve(ctx.cwd, o.output), "--output");
      const onEvent = engineProgress(ctx.io);
      const { record, summaries } = await runEmbedded(
        root,
        {
          project: asFile ? path.resolve(ctx.cwd, project) : project,
          scenarioFile: path.resolve(ctx.cwd, o.inputs),
          mode: o.mode,
          outDir,
          trials: o.trials,
          workers: o.workers,
          timeoutMs: o.timeout !== undefined ? o.timeout * 1000 : undefined,
          maxDepth: o.maxDepth,
          scenarioNames: o.scenario.length ? o.scenario : undefined,
          onEvent,
        },
        {
          layout: "flat",
          seed: o.seed,
          optimizations: o.optimizations ? undefined : NO_OPTIMIZATIONS,
          emitStats: o.emitStats,
        },
      );
      if (o.json) printJson(ctx, { record, dumps: summaries });
      else ctx.io.out(formatRunSummary(record, summaries, path.relative(ctx.cwd, outDir) || "."));
      if (record.status === "partial") ctx.exitCode = 3;
    });
};
