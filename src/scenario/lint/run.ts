import path from "node:path";
import { sortIssues } from "../../formats/workflow-io.ts";
import { discoverProject, findWorkspaceRoot } from "../../workspace/index.ts";
import { loadControllerFacts, projectOfFile } from "../controllers.ts";
import { expandWorkflowPaths } from "../files.ts";
import { checkWorkflowFile } from "../read.ts";
import { lintWorkflow } from "./lint.ts";
import type { ControllerFacts, LintIssue } from "./types.ts";

/** `scenario lint`: the file-system edge around the pure lintWorkflow. */
export interface LintOptions {
  cwd: string;
  /** Check reconciler IDs against this project (else inferred from projects/<p>/scenarios/ paths). */
  project?: string;
  workspace?: string;
}

export interface FileLint {
  file: string;
  valid: boolean;
  /** The project whose controllers were checked, and from which source; absent when none was known. */
  controllers?: { project: string; source: ControllerFacts["source"] };
  issues: LintIssue[];
}

export interface LintReport {
  files: FileLint[];
  errors: number;
  warnings: number;
  /** Things the user should know that are not problems in a file (skipped checks, bad arguments). */
  notes: string[];
}

export async function lintWorkflowFiles(args: readonly string[], opts: LintOptions): Promise<LintReport> {
  const { files, problems } = await expandWorkflowPaths(args, opts.cwd);
  const cache = new Map<string, Promise<ControllerFacts | undefined>>();
  const factsFor = (root: string, project: string) => {
    const key = `${root}\0${project}`;
    if (!cache.has(key)) cache.set(key, loadControllerFacts(root, project));
    return cache.get(key) as Promise<ControllerFacts | undefined>;
  };
  const fixed = opts.project
    ? { root: opts.workspace ?? findWorkspaceRoot(opts.cwd), project: opts.project }
    : undefined;
  if (fixed) discoverProject(fixed.root, fixed.project); // unknown --project is a usage problem: fail early
  const out: FileLint[] = [];
  const unchecked: string[] = [];
  for (const file of files) {
    const check = checkWorkflowFile(file, opts.cwd);
    if (!check.workflow) {
      const issues = check.issues.map((i) => ({ ...i, severity: "error" as const, rule: "schema" as const }));
      out.push({ file, valid: false, issues });
      continue;
    }
    const target = fixed ?? inferProject(file, opts.cwd);
    const facts = target ? await factsFor(target.root, target.project) : undefined;
    const engine = target ? engineOf(target.root, target.project) : undefined;
    if (!facts) unchecked.push(file);
    out.push({
      file,
      valid: true,
      ...(facts ? { controllers: { project: facts.project, source: facts.source } } : {}),
      issues: sortIssues(lintWorkflow(check.workflow, { controllers: facts, engine }, file)),
    });
  }
  const all = out.flatMap((f) => f.issues);
  const notes = problems.map((p) => `${p.file}: ${p.message}`);
  if (unchecked.length > 0)
    notes.push(
      `reconciler IDs not checked in ${unchecked.length} file(s): no project controllers known (pass --project NAME, or keep scenarios in projects/<p>/scenarios/)`,
    );
  return {
    files: out,
    errors: all.filter((i) => i.severity === "error").length + problems.length,
    warnings: all.filter((i) => i.severity === "warning").length,
    notes,
  };
}

function inferProject(file: string, cwd: string): { root: string; project: string } | undefined {
  const guess = projectOfFile(path.resolve(cwd, file));
  if (!guess) return undefined;
  try {
    discoverProject(guess.root, guess.project);
    return guess;
  } catch {
    return undefined;
  }
}

function engineOf(root: string, project: string): "embedded" | "kamera" {
  return discoverProject(root, project).kind;
}
