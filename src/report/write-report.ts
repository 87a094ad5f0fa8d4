import fs from "node:fs";
import { CtrlhuntError, type Issue } from "../errors/index.ts";
import { hasErrors, lintWorkspace, loadProjectRecords, projectsWithRecords } from "../evidence/index.ts";
import { projectPaths, withLockSync, workspacePaths, writeFileAtomic } from "../workspace/index.ts";
import { buildAnalysisModel } from "./analysis-model.ts";
import { loadAnalysisInputs, loadProjectInfo, loadScenarioFacts } from "./inputs.ts";
import { renderAnalysis, renderRollup } from "./render.ts";
import { buildRollupModel } from "./rollup-model.ts";

export interface RenderedDocument {
  file: string;
  text: string;
  /** Lint warnings (errors stop the render). */
  warnings: Issue[];
  written: boolean;
}

/** Lint first; refuse to render what the evidence cannot back (CTRLHUNT_LINT_FAILED). */
function lintOrRefuse(root: string, project: string | undefined, what: string): Issue[] {
  const { issues } = lintWorkspace(root, { project, checkRollup: false });
  if (hasErrors(issues)) {
    const errors = issues.filter((i) => i.severity !== "warning");
    throw new CtrlhuntError(
      "CTRLHUNT_LINT_FAILED",
      `refusing to render ${what}: ${errors.length} evidence problem(s)`,
      {
        issues: errors,
      },
    );
  }
  return issues;
}

function publish(root: string, file: string, render: (previous?: string) => string, write: boolean) {
  return withLockSync(workspacePaths(root).lock, () => {
    const previous = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined;
    const text = render(previous);
    if (write && text !== previous) writeFileAtomic(file, text);
    return text;
  });
}

/** Render evidence/<project>/ANALYSIS.md from the records (hand regions kept). */
export async function writeProjectReport(
  root: string,
  project: string,
  opts: { write?: boolean } = {},
): Promise<RenderedDocument> {
  const warnings = lintOrRefuse(root, project, `evidence/${project}/ANALYSIS.md`);
  const model = buildAnalysisModel(await loadAnalysisInputs(root, loadProjectRecords(root, project)));
  const file = projectPaths(root, project).analysis;
  const write = opts.write !== false;
  return {
    file,
    text: publish(root, file, (prev) => renderAnalysis(model, prev), write),
    warnings,
    written: write,
  };
}

/** Render evidence/BUG-FINDINGS.md from every project's records. */
export async function writeRollupReport(
  root: string,
  opts: { write?: boolean } = {},
): Promise<RenderedDocument> {
  const warnings = lintOrRefuse(root, undefined, "evidence/BUG-FINDINGS.md");
  const projects = [];
  for (const name of projectsWithRecords(root)) {
    const r = loadProjectRecords(root, name);
    const info = await loadProjectInfo(root, name);
    projects.push({
      name,
      upstream: info.upstream,
      controllers: info.controllers,
      scenarios: loadScenarioFacts(root, name).map((s) => s.file),
      findings: r.findings.map((f) => f.record),
      hypotheses: r.hypotheses.map((h) => h.record),
      runs: r.runs.map((x) => x.record),
    });
  }
  const model = buildRollupModel(projects);
  const file = workspacePaths(root).rollup;
  const write = opts.write !== false;
  return {
    file,
    text: publish(root, file, (prev) => renderRollup(model, prev), write),
    warnings,
    written: write,
  };
}
