import fs from "node:fs";
import path from "node:path";
import { resolveCitations } from "../analysis/index.ts";
import type { Issue } from "../errors/index.ts";
import type { Citation } from "../formats/citation.ts";
import { invalidProjectFolders, relativeToWorkspace, workspacePaths } from "../workspace/index.ts";
import { type CitationResult, lintEvidence } from "./lint.ts";
import { loadProjectRecords, type ProjectRecords, projectsWithRecords } from "./load.ts";

export interface LintWorkspaceOptions {
  /** Only this project (default: every project with records). */
  project?: string;
  /** Compare evidence/BUG-FINDINGS.md with the records (off right before the rollup regenerates it). */
  checkRollup?: boolean;
}

export interface LintReport {
  projects: string[];
  records: ProjectRecords[];
  issues: Issue[];
}

const key = (c: Citation) =>
  JSON.stringify([c.dump, c.stateId, c.pathIndex, c.stepIndex, c.controllerId, c.contentsHash]);

/** Resolve every citation of the records against the stored dumps (each dump read once). */
export function citationLookup(
  root: string,
  records: readonly ProjectRecords[],
): (c: Citation) => CitationResult {
  const all = records.flatMap((r) => [
    ...r.findings.flatMap((f) => f.record.citations),
    ...r.hypotheses.flatMap((h) => h.record.citations),
  ]);
  const results = resolveCitations(root, all);
  const byKey = new Map(all.map((c, i) => [key(c), results[i]]));
  return (c) => byKey.get(key(c)) ?? { ok: false, reason: "not resolved" };
}

/** The I/O edge of the evidence lint: load records, resolve citations, read the rollup, run the pure rules. */
export function lintWorkspace(root: string, opts: LintWorkspaceOptions = {}): LintReport {
  const ws = workspacePaths(root);
  const projects = opts.project ? [opts.project] : projectsWithRecords(ws.root);
  const records = projects.map((p) => loadProjectRecords(ws.root, p));
  const rollup =
    opts.checkRollup !== false && fs.existsSync(ws.rollup)
      ? { file: relativeToWorkspace(ws.root, ws.rollup), text: fs.readFileSync(ws.rollup, "utf8") }
      : undefined;
  const issues = lintEvidence({
    records,
    resolve: citationLookup(ws.root, records),
    exists: (rel) => fs.existsSync(path.resolve(ws.root, rel)),
    rollup,
  });
  if (!opts.project)
    for (const name of invalidProjectFolders(ws.root))
      issues.push({
        file: `projects/${name}`,
        path: "",
        message: `skipped: "${name}" cannot be a project name (letters, digits, ., _ and -, starting with a letter or digit)`,
        severity: "warning",
      });
  return { projects, records, issues };
}
