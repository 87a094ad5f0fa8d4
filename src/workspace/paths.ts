import path from "node:path";

/**
 * Where everything lives in a workspace (a folder with projects/, hypotheses/, evidence/).
 * Pure path arithmetic: no file system access, so every module agrees on the layout.
 */
export function workspacePaths(root: string) {
  const abs = path.resolve(root);
  return {
    root: abs,
    projects: path.join(abs, "projects"),
    hypotheses: path.join(abs, "hypotheses"),
    evidence: path.join(abs, "evidence"),
    rollup: path.join(abs, "evidence", "BUG-FINDINGS.md"),
    lock: path.join(abs, ".ctrlhunt.lock"),
    /** One hunt per project at a time (beside the workspace lock). */
    huntLock: (project: string) => path.join(abs, `.ctrlhunt-hunt-${project}.lock`),
    project: (name: string) => projectPaths(abs, name),
  };
}

export function projectPaths(root: string, name: string) {
  const dir = path.join(root, "projects", name);
  const evidence = path.join(root, "evidence", name);
  return {
    name,
    dir,
    projectTs: path.join(dir, "project.ts"),
    projectJson: path.join(dir, "project.json"),
    scenarios: path.join(dir, "scenarios"),
    surfaceMap: path.join(dir, "surface-map.json"),
    hypotheses: path.join(root, "hypotheses", name),
    hypothesisFile: (id: string) => path.join(root, "hypotheses", name, `${id}.yaml`),
    evidence,
    runs: path.join(evidence, "runs"),
    runDir: (runId: string) => path.join(evidence, "runs", runId),
    findings: path.join(evidence, "findings"),
    findingFile: (id: string) => path.join(evidence, "findings", `${id}.json`),
    analysis: path.join(evidence, "ANALYSIS.md"),
    ids: path.join(evidence, "ids.json"),
    state: path.join(evidence, "hunt-state.json"),
  };
}
export type ProjectPaths = ReturnType<typeof projectPaths>;

/** Variant file name for a hypothesis: `<stem>-hypothesis-<N>.json` beside the base. */
export function variantFileName(baseFile: string, n: number): string {
  const dir = path.dirname(baseFile);
  const stem = path.basename(baseFile, ".json");
  return path.join(dir, `${stem}-hypothesis-${n}.json`);
}

/** Path relative to the workspace, with forward slashes (how records store paths). */
export function relativeToWorkspace(root: string, file: string): string {
  return path.relative(path.resolve(root), path.resolve(file)).split(path.sep).join("/");
}
