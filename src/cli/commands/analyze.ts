import type { Command } from "commander";
import {
  type Analyzed,
  analyzeDiffInputs,
  analyzeKindSeqInputs,
  analyzeMetricsInputs,
  analyzePathsInputs,
  analyzeStatesInputs,
  formatBatchProblems,
  formatDiff,
  formatKameraCampaignMetrics,
  formatKameraDiff,
  formatKindSeq,
  formatMetrics,
  formatPaths,
  formatStates,
  parseMasks,
  parseProjection,
} from "../../analysis/index.ts";
import { CtrlhuntError } from "../../errors/index.ts";
import { type CliContext, printJson } from "../io.ts";
import type { RegisterCommands } from "./index.ts";

/** `ctrlhunt analyze <sub>`: every subcommand takes dump files, folders (recursive) and globs, many at once. */

const collect = (v: string, prev: string[] = []) => [...prev, v];

function count(name: string) {
  return (v: string) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0)
      throw new CtrlhuntError("CTRLHUNT_USAGE", `${name} must be a whole number ≥ 0, got "${v}"`);
    return n;
  };
}

interface Common {
  json?: boolean;
  quarantine?: string;
}

/** Print the result, report damaged dumps one per line, and set exit code 3 (partial) or 1 (nothing readable). */
function finish<T>(ctx: CliContext, o: Common, run: Analyzed<T>, text: (r: T) => string): void {
  const { batch } = run;
  if (o.json) printJson(ctx, { ...run.result, batch });
  else ctx.io.out(text(run.result));
  for (const line of formatBatchProblems(batch)) ctx.io.err(line);
  if (batch.partial) ctx.exitCode = batch.dumps === 0 ? 1 : 3;
}

const common = (cmd: Command) =>
  cmd
    .option("--json", "machine-readable output")
    .option("--quarantine <dir>", "move truncated or corrupt dumps into this folder");

export const registerAnalyzeCommands: RegisterCommands = (program, ctx) => {
  const analyze = program
    .command("analyze")
    .description(
      "Analyse exploration dumps: metrics and verdicts, terminal states, diffs, paths, KindSequence calibration",
    )
    .addHelpText(
      "after",
      "\nExamples:\n  $ ctrlhunt analyze metrics evidence/kro-lite/runs/\n  $ ctrlhunt analyze states 'out/*.jsonl' --mask resourceVersion,timestamps\n\nExit codes: 0 ok, 1 bad input, 3 partial (some dumps truncated or corrupt; the rest analysed).",
    );

  common(analyze.command("metrics").argument("<dumps...>", "dump files, folders or globs"))
    .description("Campaign metrics per invocation and phase, with the Phase E verdict and next action")
    .option("--format <format>", "text | kamera (the `kamera analyze campaign-metrics` table)", "text")
    .option("--inputs <file>", "kamera inputs file (for maxDepth in the advice); repeatable", collect, [])
    .addHelpText(
      "after",
      "\nExamples:\n  $ ctrlhunt analyze metrics out/ --inputs projects/kro-lite/scenarios/k2.json\n  $ ctrlhunt analyze metrics out/ --format kamera",
    )
    .action((dumps: string[], o: Common & { format: string; inputs: string[] }) => {
      if (o.format !== "text" && o.format !== "kamera")
        throw new CtrlhuntError("CTRLHUNT_USAGE", `--format must be text or kamera, got "${o.format}"`);
      const run = analyzeMetricsInputs(dumps, {
        cwd: ctx.cwd,
        quarantineDir: o.quarantine,
        scenarioFiles: o.inputs,
      });
      finish(ctx, o, run, (r) =>
        o.format === "kamera" ? formatKameraCampaignMetrics(r.rows) : formatMetrics(r),
      );
    });

  common(analyze.command("states").argument("<dumps...>", "dump files, folders or globs"))
    .description("Terminal-state histogram across states, phases and Monte Carlo trials")
    .option(
      "--mask <masks>",
      "noise to ignore: default (what the judge masks), resourceVersion, generation, timestamps, managedFields, uid, events (Event objects), or JSON paths",
      collect,
      [],
    )
    .option(
      "--project-exists <kinds>",
      'group by which objects exist: "all", or only these kinds (comma-separated)',
    )
    .option(
      "--project-field <kind:path>",
      "group by a field of every object of a kind; repeatable",
      collect,
      [],
    )
    .addHelpText(
      "after",
      "\nExamples:\n  $ ctrlhunt analyze states out/trials/\n  $ ctrlhunt analyze states out/ --mask resourceVersion,generation --mask status.observedGeneration\n  $ ctrlhunt analyze states out/ --project-exists all\n  $ ctrlhunt analyze states out/ --project-exists core/ConfigMap --project-field kro.run/Application:status.state",
    )
    .action(
      (dumps: string[], o: Common & { mask: string[]; projectExists?: string; projectField: string[] }) => {
        const mask = parseMasks(o.mask);
        const projection = parseProjection({ exists: o.projectExists, fields: o.projectField });
        const run = analyzeStatesInputs(dumps, {
          cwd: ctx.cwd,
          quarantineDir: o.quarantine,
          mask,
          projection,
        });
        finish(ctx, o, run, formatStates);
      },
    );

  common(analyze.command("diff").argument("<dumps...>", "dump files, folders or globs"))
    .description(
      "Object- and field-level differences between terminal states, with each object's last write per path",
    )
    .option(
      "--select <ref>",
      "compare only: a group hash (prefix), a state id, or <dump>@<stateId>; repeatable",
      collect,
      [],
    )
    .option("--mask <masks>", "noise to ignore (as in analyze states)", collect, [])
    .option("--max-paths <n>", "last writes shown per state in text output", count("--max-paths"), 5)
    .option(
      "--format <format>",
      "text | kamera (`kamera analyze diff`: every state of the dumps, no grouping)",
      "text",
    )
    .addHelpText(
      "after",
      "\nExamples:\n  $ ctrlhunt analyze diff out/k2_rerun_0.jsonl\n  $ ctrlhunt analyze diff out/k2_rerun_0.jsonl --format kamera\n  $ ctrlhunt analyze diff out/trials/ --select 1bqct03q --select 9zk2m1pa --mask resourceVersion",
    )
    .action(
      (
        dumps: string[],
        o: Common & { select: string[]; mask: string[]; maxPaths: number; format: string },
      ) => {
        if (o.format !== "text" && o.format !== "kamera")
          throw new CtrlhuntError("CTRLHUNT_USAGE", `--format must be text or kamera, got "${o.format}"`);
        const kamera = o.format === "kamera";
        const run = analyzeDiffInputs(dumps, {
          cwd: ctx.cwd,
          quarantineDir: o.quarantine,
          select: o.select,
          mask: parseMasks(o.mask),
          eachState: kamera,
        });
        finish(ctx, o, run, (r) => (kamera ? formatKameraDiff(r) : formatDiff(r, { maxPaths: o.maxPaths })));
      },
    );

  common(analyze.command("paths").argument("<dumps...>", "dump files, folders or globs"))
    .description(
      "Per path: controller sequence, writes, errors, user actions, staleness, and the Phase G ordering block",
    )
    .option("--state <id>", "only paths of this state id")
    .option("--limit <n>", "paths shown (families count all)", count("--limit"), 50)
    .addHelpText(
      "after",
      "\nExamples:\n  $ ctrlhunt analyze paths out/k2_rerun_0.jsonl --state state-1\n  $ ctrlhunt analyze paths out/trials/ --limit 5 --json",
    )
    .action((dumps: string[], o: Common & { state?: string; limit: number }) => {
      const run = analyzePathsInputs(dumps, {
        cwd: ctx.cwd,
        quarantineDir: o.quarantine,
        stateId: o.state,
        limit: o.limit,
      });
      finish(ctx, o, run, formatPaths);
    });

  common(analyze.command("kindseq").argument("<dumps...>", "dump files, folders or globs"))
    .description(
      "KindSequence calibration of a reference path: advances, CREATE events, depth bands, suggested tuning",
    )
    .option("--state <id>", "state to read (default: the first state)")
    .option("--path <n>", "path index (default 0)", count("--path"), 0)
    .addHelpText(
      "after",
      "\nExamples:\n  $ ctrlhunt analyze kindseq out/k2_reference_0.jsonl\n  $ ctrlhunt analyze kindseq out/k2_reference_0.jsonl --state state-0 --path 1 --json",
    )
    .action((dumps: string[], o: Common & { state?: string; path: number }) => {
      const run = analyzeKindSeqInputs(dumps, {
        cwd: ctx.cwd,
        quarantineDir: o.quarantine,
        stateId: o.state,
        pathIndex: o.path,
      });
      finish(
        ctx,
        o,
        run,
        (r) => formatKindSeq(r.results) + r.skipped.map((s) => `${s.dump}: skipped: ${s.reason}\n`).join(""),
      );
    });
};
