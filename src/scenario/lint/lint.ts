import { jsonPath } from "../../formats/workflow-issues.ts";
import type { WorkflowFile } from "../../formats/workflow.ts";
import { LINT_RULES } from "./rules.ts";
import type { CheckRule, LintContext, LintIssue } from "./types.ts";

/** Run every rule over every scenario of a validated workflow. Pure: no file system, no project loading. */
export function lintWorkflow(workflow: WorkflowFile, ctx: LintContext = {}, file?: string): LintIssue[] {
  const out: LintIssue[] = [];
  workflow.forEach((scenario, index) => {
    for (const [rule, def] of Object.entries(LINT_RULES) as [CheckRule, (typeof LINT_RULES)[CheckRule]][]) {
      for (const f of def.check(scenario, index, ctx)) {
        out.push({
          file,
          path: jsonPath([index, ...f.path]),
          message: f.message,
          severity: f.severity ?? def.severity,
          rule,
        });
      }
    }
  });
  return out;
}
