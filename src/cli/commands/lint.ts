import path from "node:path";
import type { Command } from "commander";
import { formatLintReport, hasErrors, lintWorkspace } from "../../evidence/index.ts";
import { findWorkspaceRoot } from "../../workspace/index.ts";
import { printJson } from "../io.ts";
import type { RegisterCommands } from "./index.ts";

/** `ctrlhunt lint [project]`: every claim checked against the records and the stored traces. */
export const registerLintCommands: RegisterCommands = (program, ctx) => {
  (program.command("lint") as Command)
    .description(
      "Check the evidence: confirmed claims cite resolving dumps, code analysis is labelled, hypotheses have a status and reason, the rollup's counts match the records",
    )
    .argument("[project]", "only this project (default: all)")
    .option("--workspace <dir>", "workspace root (default: nearest folder with projects/)")
    .option("--json", "print JSON")
    .addHelpText("after", "\nExamples:\n  $ ctrlhunt lint\n  $ ctrlhunt lint shop --json\n")
    .action((project: string | undefined, o: { workspace?: string; json?: boolean }) => {
      const root = o.workspace ? path.resolve(ctx.cwd, o.workspace) : findWorkspaceRoot(ctx.cwd);
      const r = lintWorkspace(root, { project });
      const checked = {
        projects: r.projects.length,
        findings: r.records.reduce((n, p) => n + p.findings.length, 0),
        hypotheses: r.records.reduce((n, p) => n + p.hypotheses.length, 0),
      };
      if (o.json) printJson(ctx, { ok: !hasErrors(r.issues), checked, issues: r.issues });
      else ctx.io.out(formatLintReport(r.issues, checked));
      if (hasErrors(r.issues)) ctx.exitCode = 1;
    });
};
