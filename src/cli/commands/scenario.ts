import path from "node:path";
import type { Command } from "commander";
import { CtrlhuntError } from "../../errors/index.ts";
import {
  formatLint,
  formatMigration,
  formatResolved,
  formatValidation,
  LINT_RULES,
  lintWorkflowFiles,
  migrateWorkflowFile,
  resolveWorkflowFile,
  validateWorkflowFiles,
  workflowJsonSchemaText,
  writeWorkflowJsonSchema,
} from "../../scenario/index.ts";
import { outputFile } from "../../workspace/index.ts";
import { printJson } from "../io.ts";
import type { RegisterCommands } from "./index.ts";

/** `ctrlhunt scenario <sub>`: check, migrate, lint and describe kamera workflow (scenario) files. */

const examples = (...lines: string[]) => `\nExamples:\n${lines.map((l) => `  $ ${l}`).join("\n")}`;

const ruleList = () =>
  `\nRules (severity, then what is checked):\n${Object.entries(LINT_RULES)
    .map(([name, r]) => `  ${name} (${r.severity})\n      ${r.summary}`)
    .join("\n")}`;

function depth(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1)
    throw new CtrlhuntError("CTRLHUNT_USAGE", `--max-depth must be a whole number ≥ 1, got "${v}"`);
  return n;
}

export const registerScenarioCommands: RegisterCommands = (program, ctx) => {
  const scenario: Command = program
    .command("scenario")
    .description("Check, migrate and lint kamera workflow (scenario) files; JSON Schema for editors")
    .addHelpText(
      "after",
      examples(
        "ctrlhunt scenario validate projects/*/scenarios/",
        "ctrlhunt scenario lint projects/kro-lite/scenarios/k1_ordering.json",
        "ctrlhunt scenario migrate old.json --in-place",
      ),
    );

  scenario
    .command("validate")
    .description("Check workflow files against kamera's input schema; one line per problem")
    .argument("<files...>", "workflow files, folders (their *.json) or globs")
    .option("--json", "machine-readable report")
    .addHelpText(
      "after",
      `${examples("ctrlhunt scenario validate scenarios/k1.json scenarios/k2.json", "ctrlhunt scenario validate 'projects/*/scenarios/*.json' --json")}\n\nExit codes: 0 all valid, 1 any problem. Problem lines read file:json.path: message.`,
    )
    .action(async (files: string[], o: { json?: boolean }) => {
      const report = await validateWorkflowFiles(files, ctx.cwd);
      if (o.json) printJson(ctx, report);
      else ctx.io.out(formatValidation(report));
      if (!report.ok) ctx.exitCode = 1;
    });

  scenario
    .command("migrate")
    .description(
      "Rewrite a G1 file (userInputs/type) as G2 (externalInputs/opType); with --surface-map, rename changed controller IDs",
    )
    .argument("<file>", "workflow file to migrate")
    .option(
      "--surface-map <file>",
      "rewrite controller IDs the map lists as aliases (old IDs) to their current IDs",
    )
    .option("-o, --output <file>", "write the migrated file here (default: print it to stdout)")
    .option("--in-place", "overwrite the input file (atomic)")
    .option("--json", "machine-readable report (includes the migrated text when not written)")
    .addHelpText(
      "after",
      `${examples("ctrlhunt scenario migrate old.json -o new.json", "ctrlhunt scenario migrate old.json --in-place", "ctrlhunt scenario migrate old.json > new.json")}\n\nstaleReads/staleLookback are kept and warned about: converting them needs a reference trace.`,
    )
    .action(
      (file: string, o: { output?: string; inPlace?: boolean; json?: boolean; surfaceMap?: string }) => {
        if (o.output) outputFile(path.resolve(ctx.cwd, o.output), "--output");
        const res = migrateWorkflowFile(file, {
          out: o.output,
          inPlace: o.inPlace,
          cwd: ctx.cwd,
          surfaceMap: o.surfaceMap,
        });
        if (o.json) {
          const { text, ...rest } = res;
          printJson(ctx, res.output ? rest : { ...rest, text });
          return;
        }
        if (!res.output) ctx.io.out(res.text);
        ctx.io.err(formatMigration(res));
      },
    );

  scenario
    .command("lint")
    .description("Semantic checks: canonical kinds, action indexes, registered controllers, …")
    .argument("<files...>", "workflow files, folders (their *.json) or globs")
    .option("--project <name>", "check reconciler IDs against this project's controllers")
    .option("--workspace <dir>", "workspace holding projects/ (default: nearest above the current folder)")
    .option("--json", "machine-readable report")
    .addHelpText(
      "after",
      `${examples("ctrlhunt scenario lint projects/kro-lite/scenarios/", "ctrlhunt scenario lint my-scenario.json --project kro-lite --json")}\n\nFiles under projects/<p>/scenarios/ are checked against project <p> automatically.\nExit codes: 0 no errors (warnings allowed), 1 any error.\n${ruleList()}`,
    )
    .action(async (files: string[], o: { project?: string; workspace?: string; json?: boolean }) => {
      const report = await lintWorkflowFiles(files, {
        cwd: ctx.cwd,
        project: o.project,
        workspace: o.workspace,
      });
      if (o.json) printJson(ctx, report);
      else ctx.io.out(formatLint(report));
      if (report.errors > 0) ctx.exitCode = 1;
    });

  scenario
    .command("resolve")
    .description("Show what the engine receives: defaults filled, G1 mapped to G2, modes decided")
    .argument("<file>", "workflow file")
    .option("--scenario <name>", "only this scenario")
    .option("--max-depth <n>", "default maxDepth when a scenario sets none (kamera: 10)", depth)
    .option("--json", "the resolved scenarios as JSON")
    .addHelpText(
      "after",
      examples(
        "ctrlhunt scenario resolve scenarios/k2.json",
        "ctrlhunt scenario resolve scenarios/k2.json --scenario K2/fault --json",
      ),
    )
    .action((file: string, o: { scenario?: string; maxDepth?: number; json?: boolean }) => {
      const resolved = resolveWorkflowFile(file, {
        cwd: ctx.cwd,
        scenario: o.scenario,
        defaultMaxDepth: o.maxDepth,
      });
      if (o.json) printJson(ctx, resolved);
      else ctx.io.out(formatResolved(resolved));
    });

  scenario
    .command("schema")
    .description("Print the JSON Schema of workflow files (draft-07) for editors")
    .option("-o, --output <file>", "write the schema to a file (default: stdout)")
    .addHelpText(
      "after",
      `${examples("ctrlhunt scenario schema -o .vscode/kamera-workflow.schema.json", "ctrlhunt scenario schema | jq '.items.properties | keys'")}\n\nThe output is JSON already (no --json flag). Cross-field rules such as staleAt < catchUpAt are checked by validate.`,
    )
    .action((o: { output?: string }) => {
      if (o.output) {
        outputFile(path.resolve(ctx.cwd, o.output), "--output");
        ctx.io.out(`wrote ${writeWorkflowJsonSchema(o.output, ctx.cwd)}`);
      } else ctx.io.out(workflowJsonSchemaText());
    });
};
