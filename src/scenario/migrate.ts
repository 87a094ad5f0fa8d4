import path from "node:path";
import { CtrlhuntError, type Issue } from "../errors/index.ts";
import { type Scenario, scenarioGeneration, type WorkflowFile } from "../formats/workflow.ts";
import { parseWorkflow, serializeWorkflow } from "../formats/workflow-io.ts";
import { jsonPath } from "../formats/workflow-issues.ts";
import { readWorkflowFile, writeWorkflowFile } from "./read.ts";
import { readRenames, renameControllers } from "./rename-controllers.ts";

/**
 * G1 → G2 (kamera-formats §1.2): `userInputs[].type` becomes `externalInputs[].opType`, keys renamed in place so
 * the file keeps its order. Nothing is dropped silently: every change and every kept legacy field is reported.
 */
export interface MigrationResult {
  workflow: WorkflowFile;
  changes: Issue[];
  warnings: Issue[];
  /** Scenarios that cannot be migrated automatically. */
  errors: Issue[];
}

type Json = Record<string, unknown>;

/** Copy of `obj` with key `from` renamed to `to` at the same position (and `drop` removed). */
function renameKey(obj: Json, from: string, to: string, drop?: string): Json {
  return Object.fromEntries(
    Object.entries(obj)
      .filter(([k]) => k !== drop)
      .map(([k, v]) => [k === from ? to : k, v]),
  );
}

function omitKey(obj: Json, key: string): Json {
  return Object.fromEntries(Object.entries(obj).filter(([k]) => k !== key));
}

function migrateAction(a: Json, where: (string | number)[], out: MigrationResult): Json {
  if (!("opType" in a)) return renameKey(a, "type", "opType");
  if (a.opType !== a.type) {
    out.errors.push(
      issue(where, `has both type (${a.type}) and opType (${a.opType}); pick one by hand`, "error"),
    );
    return a;
  }
  out.changes.push(issue(where, "removed G1 key type (same value as opType)"));
  return omitKey(a, "type");
}

function issue(where: (string | number)[], message: string, severity?: "error" | "warning"): Issue {
  return { path: jsonPath(where), message, ...(severity ? { severity } : {}) };
}

function migrateScenario(s: Scenario, i: number, out: MigrationResult): Scenario {
  const raw = s as Json;
  for (const key of ["staleReads", "staleLookback"] as const) {
    const v = s.tuning?.[key];
    if (v && Object.keys(v).length > 0)
      out.warnings.push(
        issue(
          [i, "tuning", key],
          `${key} is deprecated and kept as is: convert it to tuning.stalenessIntervals by hand (staleAt/catchUpAt come from a reference trace)`,
          "warning",
        ),
      );
  }
  if (!("userInputs" in raw)) return s;
  const legacy = (s.userInputs ?? []) as Json[];
  const current = s.externalInputs ?? [];
  if (legacy.length > 0 && current.length > 0) {
    out.errors.push(
      issue(
        [i],
        `has both userInputs (${legacy.length}) and externalInputs (${current.length}); kamera's G2 loader ignores userInputs — merge them by hand`,
        "error",
      ),
    );
    return s;
  }
  if (legacy.length === 0 && "externalInputs" in raw) {
    out.changes.push(issue([i, "userInputs"], "removed empty legacy userInputs (G2 loaders ignore it)"));
    return omitKey(raw, "userInputs") as Scenario;
  }
  const drop = "externalInputs" in raw ? "externalInputs" : undefined;
  if (drop)
    out.changes.push(
      issue([i, "externalInputs"], "replaced empty externalInputs by the migrated userInputs"),
    );
  out.changes.push(
    issue([i, "userInputs"], `renamed to externalInputs (${legacy.length} action(s), type → opType)`),
  );
  const migrated = renameKey(raw, "userInputs", "externalInputs", drop);
  migrated.externalInputs = legacy.map((a, j) => migrateAction(a, [i, "externalInputs", j], out));
  return migrated as Scenario;
}

/** Pure G1 → G2 migration of a validated workflow. */
export function migrateWorkflow(w: WorkflowFile): MigrationResult {
  const out: MigrationResult = { workflow: w, changes: [], warnings: [], errors: [] };
  out.workflow = w.map((s, i) => migrateScenario(s, i, out));
  return out;
}

export interface MigrateFileResult {
  file: string;
  /** Where the result was written; undefined when it is only returned (stdout). */
  output?: string;
  text: string;
  generationsBefore: ("G1" | "G2")[];
  changes: Issue[];
  warnings: Issue[];
}

/** Read, migrate, re-validate and (with `out` or `inPlace`) write atomically. */
export function migrateWorkflowFile(
  file: string,
  opts: { out?: string; inPlace?: boolean; cwd?: string; surfaceMap?: string } = {},
): MigrateFileResult {
  const cwd = opts.cwd ?? process.cwd();
  if (opts.out && opts.inPlace)
    throw new CtrlhuntError("CTRLHUNT_USAGE", "use either -o <file> or --in-place, not both");
  const before = readWorkflowFile(file, cwd);
  const res = migrateWorkflow(before);
  if (opts.surfaceMap) {
    // Controller IDs that changed in the surface map (aliases) are rewritten to the current ones.
    const renamed = renameControllers(res.workflow, readRenames(path.resolve(cwd, opts.surfaceMap)));
    res.workflow = renamed.workflow;
    res.changes.push(...renamed.changes);
    res.errors.push(...renamed.errors);
  }
  const withFile = (l: Issue[]) => l.map((x) => ({ ...x, file }));
  if (res.errors.length > 0)
    throw new CtrlhuntError("CTRLHUNT_WORKFLOW_INVALID", `${file}: cannot migrate automatically`, {
      issues: withFile(res.errors),
    });
  const workflow = parseWorkflow(res.workflow, file);
  const output = opts.inPlace ? file : opts.out;
  if (output) writeWorkflowFile(output, workflow, cwd);
  return {
    file,
    ...(output ? { output: path.normalize(output) } : {}),
    text: serializeWorkflow(workflow),
    generationsBefore: [...new Set(before.map(scenarioGeneration))].sort(),
    changes: withFile(res.changes),
    warnings: withFile(res.warnings),
  };
}
