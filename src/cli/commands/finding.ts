import fs from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import {
  addFindingToWorkspace,
  type FindingFlags,
  formatFinding,
  formatFindingList,
  openEvidenceStore,
  parseFindingFlags,
} from "../../evidence/index.ts";
import { explainStoredFinding } from "../../report/index.ts";
import { clockFromEnv, findWorkspaceRoot, parseRecordText } from "../../workspace/index.ts";
import { type CliContext, printJson } from "../io.ts";
import type { RegisterCommands } from "./index.ts";

type Common = { workspace?: string; json?: boolean };

const storeOf = (ctx: CliContext, o: Common) =>
  openEvidenceStore(o.workspace ? path.resolve(ctx.cwd, o.workspace) : findWorkspaceRoot(ctx.cwd), {
    clock: clockFromEnv(ctx.env),
  });
const common = (cmd: Command) =>
  cmd
    .option("--workspace <dir>", "workspace root (default: nearest folder with projects/)")
    .option("--json", "print JSON");
const collect = (v: string, prev: string[] = []) => [...prev, v];

/** `ctrlhunt finding add|list|show|retract|keep`: the findings of the evidence ledger. */
export const registerFindingCommands: RegisterCommands = (program, ctx) => {
  const finding = program
    .command("finding")
    .description("Findings: add, list, show, retract, keep evidence (IDs F<n> are never reused)")
    .addHelpText(
      "after",
      '\nExamples:\n  $ ctrlhunt finding list shop\n  $ ctrlhunt finding show shop F1\n  $ ctrlhunt finding retract shop F4 --reason "harness gap" --false-positive\n',
    );

  common(
    finding
      .command("add")
      .description(
        "Record a finding; a confirmed one must cite trace steps that resolve, and its dumps are kept",
      )
      .argument("<project>", "project name")
      .option("--from <file>", "finding fields as JSON/YAML (flags override)")
      .option("--title <text>", "one-line title")
      .option(
        "--severity <P0|P1|P2|P3>",
        "P0 silent corruption/security · P1 permanent · P2 transient · P3 cosmetic",
      )
      .option("--status <status>", "confirmed | observation | negative (default observation)")
      .option(
        "--dimension <dims>",
        "ordering, staleness, fault-injection, user-action-timing, monte-carlo, pure-logic (repeatable or comma-separated)",
        collect,
      )
      .option("--hit-rate <k/n>", "trials showing the bug / trials")
      .option("--scenario <file>", "base scenario file")
      .option("--variant <file>", "hypothesis variant file the bug shows on")
      .option("--hypothesis <id>", "hypothesis this finding came from")
      .option(
        "--cite <DUMP@STATE/PATH/STEP>",
        "trace evidence read from the dump (controller, hash); STEP: index, end = last step, -1 = terminal state (repeatable)",
        collect,
      )
      .option("--cite-json <json>", "a full citation object (repeatable)", collect)
      .option("--summary <text>", "one paragraph")
      .option(
        "--mechanism <text>",
        "code analysis; each paragraph is labelled inferred unless it cites [C1]…",
      )
      .option("--impact <text>", "production impact")
      .option("--fix <text>", "suggested fix (untested)")
      .option("--why-not-a-bug <text>", "for negative results and observations")
      .option(
        "--reproduction <cmd>",
        "commands that reproduce it (default: ctrlhunt analyze states on the cited dumps)",
      )
      .option("--run <id>", "run backing the finding (repeatable)", collect)
      .option(
        "--baseline-hash <hash>",
        "terminal hash to pin for re-runs (default: the cited states')",
        collect,
      )
      .option("--no-keep", "do not copy the cited dumps into evidence/<project>/evidence/<id>/"),
  )
    .addHelpText(
      "after",
      `\nExamples:\n  $ ctrlhunt finding add shop --status confirmed --severity P1 --dimension ordering --hit-rate 3/10 \\\n      --title "Order ends failed when StockController runs first" --scenario projects/shop/scenarios/k1_race.json \\\n      --cite evidence/shop/runs/R2/dumps/trial-3.jsonl@state-1/0/end --run R2\n  $ ctrlhunt finding add shop --from draft.json --json\n`,
    )
    .action((project: string, o: FindingFlags & Common & { from?: string; keep: boolean }) => {
      const base = o.from ? readDraft(path.resolve(ctx.cwd, o.from)) : {};
      const { draft, refs } = parseFindingFlags(o, base);
      const f = addFindingToWorkspace(storeOf(ctx, o), {
        project,
        draft,
        refs,
        cwd: ctx.cwd,
        keep: o.keep ? undefined : false,
      });
      if (o.json) printJson(ctx, f);
      else ctx.io.out(`${f.id} added (${f.status}, ${f.severity}, ${f.citations.length} citation(s))\n`);
    });

  common(
    finding
      .command("list")
      .description("List a project's findings")
      .argument("<project>", "project name")
      .option("--status <status>", "only this status"),
  )
    .addHelpText(
      "after",
      "\nExamples:\n  $ ctrlhunt finding list shop\n  $ ctrlhunt finding list shop --status confirmed --json\n",
    )
    .action((project: string, o: Common & { status?: string }) => {
      const list = storeOf(ctx, o)
        .listFindings(project)
        .filter((f) => !o.status || f.status === o.status);
      if (o.json) printJson(ctx, list);
      else ctx.io.out(formatFindingList(list));
    });

  common(
    finding
      .command("show")
      .description("Show one finding")
      .argument("<project>", "project name")
      .argument("<id>", "finding ID, e.g. F3"),
  )
    .addHelpText(
      "after",
      "\nExamples:\n  $ ctrlhunt finding show shop F3\n  $ ctrlhunt finding show shop F3 --json\n",
    )
    .action((project: string, id: string, o: Common) => {
      const f = storeOf(ctx, o).readFinding(project, id);
      if (o.json) printJson(ctx, f);
      else ctx.io.out(formatFinding(f));
    });

  common(
    finding
      .command("retract")
      .description("Retract a finding (it keeps its ID and record but is no longer counted)")
      .argument("<project>", "project name")
      .argument("<id>", "finding ID")
      .requiredOption("--reason <text>", "why (e.g. harness fidelity gap)")
      .option("--false-positive", "mark it a false positive instead of retracted"),
  )
    .addHelpText(
      "after",
      `\nExamples:\n  $ ctrlhunt finding retract shop F4 --reason "harness did not model GC" --false-positive\n`,
    )
    .action((project: string, id: string, o: Common & { reason: string; falsePositive?: boolean }) => {
      const f = storeOf(ctx, o).retractFinding(project, id, {
        reason: o.reason,
        status: o.falsePositive ? "false-positive" : "retracted",
      });
      if (o.json) printJson(ctx, f);
      else ctx.io.out(`${f.id} ${f.status}: ${o.reason}\n`);
    });

  common(
    finding
      .command("explain")
      .description(
        "Fill a confirmed finding's Mechanism and Fix from its cited trace (every sentence cites a step; the fix is labelled inference)",
      )
      .argument("<project>", "project name")
      .argument("<id>", "finding ID")
      .option("--replace", "replace an existing Mechanism and Fix"),
  )
    .addHelpText(
      "after",
      "\nExamples:\n  $ ctrlhunt finding explain shop F1\n  $ ctrlhunt finding explain shop F1 --replace --json\n",
    )
    .action((project: string, id: string, o: Common & { replace?: boolean }) => {
      const { finding: out, changed } = explainStoredFinding(storeOf(ctx, o), project, id, o);
      if (o.json) printJson(ctx, out);
      else
        ctx.io.out(
          changed
            ? `${out.mechanism}\n\nFix: ${out.fix}\n`
            : `${id} already has a Mechanism (use --replace)\n`,
        );
    });

  common(
    finding
      .command("keep")
      .description(
        "Copy a finding's cited dumps (gzip) under evidence/<project>/evidence/<id>/ and point its citations there",
      )
      .argument("<project>", "project name")
      .argument("<id>", "finding ID"),
  )
    .addHelpText("after", "\nExamples:\n  $ ctrlhunt finding keep shop F1\n")
    .action((project: string, id: string, o: Common) => {
      const f = storeOf(ctx, o).keepEvidence(project, id);
      if (o.json) printJson(ctx, f);
      else
        ctx.io.out(`${f.id}: ${[...new Set(f.citations.map((c) => c.dump))].join(", ") || "no citations"}\n`);
    });
};

function readDraft(file: string): Record<string, unknown> {
  const data = parseRecordText(fs.readFileSync(file, "utf8"), file);
  return typeof data === "object" && data !== null && !Array.isArray(data)
    ? (data as Record<string, unknown>)
    : {};
}
