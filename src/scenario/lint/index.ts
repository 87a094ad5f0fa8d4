export { lintWorkflow } from "./lint.ts";
export { LINT_RULES } from "./rules.ts";
export { type FileLint, type LintOptions, type LintReport, lintWorkflowFiles } from "./run.ts";
export {
  CheckRule,
  ControllerFacts,
  type LintContext,
  type LintIssue,
  type LintRule,
  type Severity,
} from "./types.ts";
