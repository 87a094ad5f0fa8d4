import fs from "node:fs";
import path from "node:path";
import { CtrlhuntError, type Issue } from "../errors/index.ts";
import { scenarioGeneration, type WorkflowFile } from "../formats/workflow.ts";
import { checkWorkflowText, parseWorkflowText, serializeWorkflow } from "../formats/workflow-io.ts";
import { writeFileAtomic } from "../workspace/index.ts";

/** The file-system edge for workflow files: read + check, write atomically. */

/** Read and validate one workflow file (throws CtrlhuntError with issues). */
export function readWorkflowFile(file: string, cwd = process.cwd()): WorkflowFile {
  return parseWorkflowText(readText(file, cwd), file);
}

/** Write a workflow in the canonical shape (2-space JSON, trailing newline), atomically. */
export function writeWorkflowFile(file: string, workflow: WorkflowFile, cwd = process.cwd()): void {
  writeFileAtomic(path.resolve(cwd, file), serializeWorkflow(workflow));
}

export interface FileCheck {
  file: string;
  ok: boolean;
  /** Scenario names (empty when the file did not validate). */
  scenarios: string[];
  generations: ("G1" | "G2")[];
  issues: Issue[];
  /** The validated workflow (as written), when ok. */
  workflow?: WorkflowFile;
}

/** Read and check one file; problems (unreadable, malformed, invalid) become issues, never throws for input. */
export function checkWorkflowFile(file: string, cwd = process.cwd()): FileCheck {
  let text: string;
  try {
    text = readText(file, cwd);
  } catch (e) {
    if (!(e instanceof CtrlhuntError)) throw e;
    return { file, ok: false, scenarios: [], generations: [], issues: e.issues };
  }
  const res = checkWorkflowText(text, file);
  if (!res.ok) return { file, ok: false, scenarios: [], generations: [], issues: res.issues };
  const generations = [...new Set(res.workflow.map(scenarioGeneration))].sort();
  return {
    file,
    ok: true,
    scenarios: res.workflow.map((s) => s.name),
    generations,
    issues: [],
    workflow: res.workflow,
  };
}

function readText(file: string, cwd: string): string {
  try {
    return fs.readFileSync(path.resolve(cwd, file), "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a folder" : `cannot read (${code})`;
    throw new CtrlhuntError("CTRLHUNT_NOT_FOUND", `${file}: ${why}`, {
      issues: [{ file, path: "", message: why, severity: "error" }],
    });
  }
}
