import fs from "node:fs";
import path from "node:path";
import type { z } from "zod";
import { type Issue, isCtrlhuntError } from "../errors/index.ts";
import { Finding, Hypothesis, RerunSection } from "../formats/records.ts";
import { RunRecord } from "../formats/run-record.ts";
import { listProjects, parseRecordText, relativeToWorkspace, validateRecord } from "../workspace/index.ts";
import { compareIds, type StoreContext, storeContext, storePaths } from "./context.ts";

/** A record and the workspace-relative file it came from (lint issues name the file). */
export interface Located<T> {
  file: string;
  record: T;
}

export interface ProjectRecords {
  project: string;
  findings: Located<Finding>[];
  hypotheses: Located<Hypothesis>[];
  runs: Located<RunRecord>[];
  /** In append order (date, then number). */
  reruns: Located<RerunSection>[];
  /** Files that do not parse or validate: reported, never thrown, so one bad file does not hide the rest. */
  issues: Issue[];
}

function loadAll<S extends z.ZodType>(
  ctx: StoreContext,
  schema: S,
  files: string[],
  issues: Issue[],
): Located<z.infer<S>>[] {
  const out: Located<z.infer<S>>[] = [];
  for (const abs of files) {
    const file = relativeToWorkspace(ctx.root, abs);
    try {
      out.push({
        file,
        record: validateRecord(schema, parseRecordText(fs.readFileSync(abs, "utf8"), file), file),
      });
    } catch (e) {
      if (!isCtrlhuntError(e)) throw e;
      issues.push(...(e.issues.length ? e.issues : [{ file, path: "", message: e.message }]));
    }
  }
  return out;
}

function filesIn(dir: string, re: RegExp, order: (a: string, b: string) => number = compareIds): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => re.test(f))
    .sort((a, b) => order(a.replace(re, "$1"), b.replace(re, "$1")))
    .map((f) => path.join(dir, f));
}

/** Every record of one project, read leniently (bad files become issues). */
export function loadProjectRecords(root: string, project: string): ProjectRecords {
  const ctx = storeContext(root);
  const p = storePaths(ctx, project);
  const issues: Issue[] = [];
  const runDirs = fs.existsSync(p.runs) ? fs.readdirSync(p.runs).sort(compareIds) : [];
  const runFiles = runDirs.map((d) => path.join(p.runDir(d), "run.json")).filter((f) => fs.existsSync(f));
  const byDate = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const rerunKeyOrder = (a: string, b: string) => {
    const [da, na] = [a.slice(0, 10), Number(a.slice(11))];
    const [db, nb] = [b.slice(0, 10), Number(b.slice(11))];
    return da === db ? na - nb : byDate(da, db);
  };
  return {
    project,
    findings: loadAll(ctx, Finding, filesIn(p.findings, /^([A-Za-z][\w-]*)\.json$/), issues),
    hypotheses: loadAll(ctx, Hypothesis, filesIn(p.hypotheses, /^([A-Za-z][\w-]*)\.yaml$/), issues),
    runs: loadAll(ctx, RunRecord, runFiles, issues),
    reruns: loadAll(
      ctx,
      RerunSection,
      filesIn(p.reruns, /^(\d{4}-\d{2}-\d{2}-\d+)\.json$/, rerunKeyOrder),
      issues,
    ),
    issues,
  };
}

/** Defined projects (project.ts / project.json) and projects with records (evidence/ or hypotheses/), sorted. */
export function projectsWithRecords(root: string): string[] {
  const names = new Set(listProjects(root).map((p) => p.name));
  for (const sub of ["evidence", "hypotheses"]) {
    const dir = path.join(root, sub);
    if (!fs.existsSync(dir)) continue;
    for (const e of fs.readdirSync(dir, { withFileTypes: true }))
      if (e.isDirectory() && /^[A-Za-z0-9][\w.-]*$/.test(e.name)) names.add(e.name);
  }
  return [...names].sort();
}
