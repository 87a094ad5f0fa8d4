/**
 * Errors are data: a stable code, a one-line message, and (for input problems) a list of issues that
 * name the file and the dotted JSON path. Only the CLI entry turns them into text and exit codes.
 */

export type ErrorCode =
  | "CTRLHUNT_USAGE"
  | "CTRLHUNT_JSON_MALFORMED"
  | "CTRLHUNT_WORKFLOW_INVALID"
  | "CTRLHUNT_DUMP_INVALID"
  | "CTRLHUNT_DUMP_TRUNCATED"
  | "CTRLHUNT_RECORD_INVALID"
  | "CTRLHUNT_PROJECT_NOT_FOUND"
  | "CTRLHUNT_PROJECT_INVALID"
  | "CTRLHUNT_WORKSPACE_NOT_FOUND"
  | "CTRLHUNT_LOCK_TIMEOUT"
  | "CTRLHUNT_UNSUPPORTED"
  | "CTRLHUNT_ENGINE_FAILED"
  | "CTRLHUNT_LINT_FAILED"
  | "CTRLHUNT_PREFLIGHT_FAILED"
  | "CTRLHUNT_BUDGET_EXHAUSTED"
  | "CTRLHUNT_AGENT_FAILED"
  | "CTRLHUNT_NOT_FOUND"
  | "CTRLHUNT_INTERRUPTED"
  | "CTRLHUNT_CONTROLLER_HUNG"
  | "CTRLHUNT_HUNT_LOCKED"
  | "CTRLHUNT_OUTPUT_EXISTS"
  | "CTRLHUNT_CAMPAIGN_INVALID"
  | "CTRLHUNT_CAMPAIGN_MISMATCH"
  | "CTRLHUNT_CAMPAIGN_INCOMPLETE"
  | "CTRLHUNT_BUCKET_FAILED";

/** One problem in one input file: rendered as `file:json.path: message`. */
export interface Issue {
  file?: string;
  /** Dotted JSON path with [index] for arrays, e.g. `[0].tuning.stalenessIntervals[0].catchUpAt`. */
  path: string;
  message: string;
  severity?: "error" | "warning";
}

export class CtrlhuntError extends Error {
  readonly code: ErrorCode;
  readonly issues: Issue[];
  /** Exit code the CLI should use; 1 = bad input / failed check, 2 = usage, 3 = partial result. */
  readonly exitCode: number;

  constructor(
    code: ErrorCode,
    message: string,
    opts: { issues?: Issue[]; exitCode?: number; cause?: unknown } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = "CtrlhuntError";
    this.code = code;
    this.issues = opts.issues ?? [];
    this.exitCode = opts.exitCode ?? DEFAULT_EXIT[code] ?? 1;
  }
}

/** Exit codes other than 1 (bad input / failed check), by error code. */
const DEFAULT_EXIT: Partial<Record<ErrorCode, number>> = {
  CTRLHUNT_USAGE: 2,
  CTRLHUNT_INTERRUPTED: 130,
  // EX_TEMPFAIL (sysexits.h): another hunt holds the project; try again later.
  CTRLHUNT_HUNT_LOCKED: 75,
};

export function isCtrlhuntError(e: unknown): e is CtrlhuntError {
  return e instanceof CtrlhuntError;
}

/** `file:path: message` — the one-line form every checker prints. */
export function formatIssue(issue: Issue): string {
  const where = [issue.file, issue.path].filter((s) => s !== undefined && s !== "").join(":");
  const sev = issue.severity === "warning" ? "warning: " : "";
  return where ? `${where}: ${sev}${issue.message}` : `${sev}${issue.message}`;
}

/** Render a zod-style path array as `a.b[0].c`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else out += out === "" ? String(seg) : `.${String(seg)}`;
  }
  return out;
}
