import { CtrlhuntError, type Issue } from "../errors/index.ts";
import { tooDeepAt, tooDeepMessage } from "./nesting.ts";
import { parseJsonText } from "./json-text.ts";
import { duplicateNameIssues, WorkflowFile } from "./workflow.ts";
import { jsonPath, workflowErrorMap, workflowIssues } from "./workflow-issues.ts";

/**
 * Reading and writing workflow files, byte level. Validation never transforms: a valid file is returned as the
 * very object JSON.parse built, so unknown fields and key order survive read → write.
 */

export type WorkflowCheck = { ok: true; workflow: WorkflowFile } | { ok: false; issues: Issue[] };

/** Validate parsed JSON against the workflow schema; every problem becomes one Issue. */
export function checkWorkflow(data: unknown, file?: string): WorkflowCheck {
  const deep = tooDeepAt(data);
  if (deep !== undefined)
    return { ok: false, issues: [{ file, path: deep, message: tooDeepMessage, severity: "error" }] };
  const res = WorkflowFile.safeParse(data, { error: workflowErrorMap, reportInput: true });
  const issues = res.success ? [] : workflowIssues(res.error.issues, data, file);
  if (!res.success && Array.isArray(data)) {
    // zod skipped the array-level duplicate check because an element failed; run it here.
    for (const d of duplicateNameIssues(data)) {
      const path = jsonPath(d.path);
      if (!issues.some((i) => i.path === path && i.message === d.message))
        issues.push({ file, path, message: d.message, severity: "error" });
    }
  }
  if (issues.length > 0) return { ok: false, issues: sortIssues(issues) };
  return { ok: true, workflow: data as WorkflowFile };
}

/** Issues in document order (by path, array indexes numerically), so output reads top to bottom. */
export function sortIssues<T extends Issue>(issues: T[]): T[] {
  const key = (p: string) => p.replace(/\[(\d+)\]/g, (_, n: string) => `[${n.padStart(9, "0")}]`);
  return [...issues].sort((a, b) => (key(a.path) < key(b.path) ? -1 : key(a.path) > key(b.path) ? 1 : 0));
}

/** Validate parsed JSON or throw CTRLHUNT_WORKFLOW_INVALID with one issue per problem. */
export function parseWorkflow(data: unknown, file?: string): WorkflowFile {
  const res = checkWorkflow(data, file);
  if (res.ok) return res.workflow;
  throw new CtrlhuntError(
    "CTRLHUNT_WORKFLOW_INVALID",
    `${file ?? "workflow"}: invalid workflow file (${res.issues.length} problem${res.issues.length === 1 ? "" : "s"})`,
    { issues: res.issues },
  );
}

/** Text → validated workflow. Malformed JSON throws CTRLHUNT_JSON_MALFORMED naming line and column. */
export function parseWorkflowText(text: string, file?: string): WorkflowFile {
  return parseWorkflow(parseJsonText(stripBom(text), file), file);
}

/** Text → check result; malformed JSON becomes a failed check instead of a throw. */
export function checkWorkflowText(text: string, file?: string): WorkflowCheck {
  try {
    return checkWorkflow(parseJsonText(stripBom(text), file), file);
  } catch (e) {
    if (e instanceof CtrlhuntError) return { ok: false, issues: e.issues };
    throw e;
  }
}

/** The writer: 2-space JSON with a trailing newline (kamera's own files use the same shape). */
export function serializeWorkflow(workflow: WorkflowFile): string {
  return `${JSON.stringify(workflow, null, 2)}\n`;
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
