import path from "node:path";
import { formatIssue } from "../../errors/index.ts";
import { projectsWithRecords } from "../../evidence/index.ts";
import { type RenderedDocument, writeProjectReport } from "../../report/index.ts";
import { findWorkspaceRoot, relativeToWorkspace } from "../../workspace/index.ts";
import { type CliContext, printJson } from "../io.ts";
import type { RegisterCommands } from "./index.ts";

export type DocumentFlags = { workspace?: string; json?: boolean; stdout?: boolean };

export const workspaceOf = (ctx: CliContext, o: DocumentFlags) =>
  o.workspace ? path.resolve(ctx.cwd, o.workspace) : findWorkspaceRoot(ctx.cwd);

/** Print what a render produced: the text (--stdout), JSON, or one line per written file; warnings to stderr. */
export function printDocuments(
  ctx: CliContext,
  root: string,
  docs: RenderedDocument[],
  o: DocumentFlags,
): void {
  for (const w of docs.flatMap((d) => d.warnings)) ctx.io.err(formatIssue(w));
  if (o.json) {
    const out = docs.map((d) => ({
      file: relativeToWorkspace(root, d.file),
      written: d.written,
      ...(o.stdout ? { text: d.text } : {}),
    }));
    printJson(ctx, { documents: out, warnings: docs.flatMap((d) => d.warnings) });
  } else if (o.stdout) for (const d of docs) ctx.io.out(d.text);
  else for (const d of docs) ctx.io.out(`wrote ${relativeToWorkspace(root, d.file)}\n`);
}

/** `ctrlhunt report [project]`: render evidence/<project>/ANALYSIS.md from the records. */
export const registerReportCommands: RegisterCommands = (program, ctx) => {
  program
    .command("report")
    .description(
      "Render evidence/<project>/ANALYSIS.md from the records (lint first; hand-written regions are kept)",
    )
    .argument("[project]", "project name (default: every project with records)")
    .option("--workspace <dir>", "workspace root (default: nearest folder with projects/)")
    .option("--stdout", "print the document instead of writing it")
    .option("--json", "print JSON")
    .addHelpText(
      "after",
      "\nExamples:\n  $ ctrlhunt report shop\n  $ ctrlhunt report --stdout shop | less\n  $ ctrlhunt report --json\n",
    )
    .action(async (project: string | undefined, o: DocumentFlags) => {
      const root = workspaceOf(ctx, o);
      const docs: RenderedDocument[] = [];
      for (const p of project ? [project] : projectsWithRecords(root))
        docs.push(await writeProjectReport(root, p, { write: !o.stdout }));
      printDocuments(ctx, root, docs, o);
    });
};
