import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { CtrlhuntError, formatPath } from "../../../errors/index.ts";
import { parseJsonText } from "../../../formats/json-text.ts";
import { tooDeepAt, tooDeepMessage } from "../../../formats/nesting.ts";
import type { ReconcileError } from "../../../formats/reconcile-errors.ts";
import { addRunMetrics, type RunMetrics, type RunMode, type RunRecord } from "../../../formats/run-record.ts";
import { WorkflowFile } from "../../../formats/workflow.ts";
import { type Clock, clockFromEnv, discoverProject, relativeToWorkspace } from "../../../workspace/index.ts";
import type { Engine, RunOptions } from "../../types.ts";
import type { Optimizations } from "../config/index.ts";
import type { DumpSummary } from "../dump/index.ts";
import { derivedUuid } from "../state/index.ts";
import { modelDigest } from "./model-digest.ts";
import { loadEmbeddedProject } from "./load-project.ts";
import { exploreContainedInto } from "./run-host.ts";

export const ENGINE_VERSION = "0.1.0";

export interface EmbeddedEngineOptions {
  clock?: Clock;
  /** `run-folder` (default, like the kamera adapter): dumps in `<outDir>/dumps/`; `flat`: dumps in outDir. */
  layout?: "run-folder" | "flat";
  seed?: number;
  optimizations?: Partial<Optimizations>;
  emitStats?: boolean;
  maxStalenessPhases?: number;
}

/** A project name in the workspace, or a path to a project.ts. */
export function resolveProjectFile(root: string, project: string): string {
  const asPath = path.resolve(root, project);
  if (project.endsWith(".ts") && fs.existsSync(asPath)) return asPath;
  const d = discoverProject(root, project);
  if (d.kind !== "embedded") {
    throw new CtrlhuntError(
      "CTRLHUNT_USAGE",
      `project "${project}" is a kamera target (project.json); use the kamera engine`,
    );
  }
  return d.definitionFile;
}

/** Parse and validate an inputs file; problems come back as `file:path: message` issues. */
export function readWorkflowFile(file: string): WorkflowFile {
  if (!fs.existsSync(file))
    throw new CtrlhuntError("CTRLHUNT_NOT_FOUND", `scenario file ${file} does not exist`);
  const data = parseJsonText(fs.readFileSync(file, "utf8"), file);
  const deep = tooDeepAt(data);
  if (deep !== undefined)
    throw new CtrlhuntError("CTRLHUNT_WORKFLOW_INVALID", `${file}: ${deep}: ${tooDeepMessage}`, {
      issues: [{ file, path: deep, message: tooDeepMessage }],
    });
  const parsed = WorkflowFile.safeParse(data);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => ({ file, path: formatPath(i.path), message: i.message }));
  throw new CtrlhuntError("CTRLHUNT_WORKFLOW_INVALID", `${file}: invalid scenario file`, { issues });
}

/** One run's invocation id: every dump of it carries this, so a sharded campaign must derive the same. */
export function runInvocationId(
  scenarioSha256: string,
  mode: RunMode,
  seed: number,
  scenarioNames: readonly string[],
): string {
  return derivedUuid(`${scenarioSha256}|${mode}|${seed}|${scenarioNames.join(",")}`);
}

/** The embedded run plus per-dump summaries (the CLI prints them; run() keeps only the record). */
export async function runEmbedded(
  root: string,
  opts: RunOptions,
  eo: EmbeddedEngineOptions = {},
): Promise<{ record: RunRecord; summaries: DumpSummary[] }> {
  const clock = eo.clock ?? clockFromEnv();
  const startMs = clock.startMs();
  const startedAt = clock.nowIso();
  const projectFile = resolveProjectFile(root, opts.project);
  const project = await loadEmbeddedProject(projectFile);
  const scenarioFile = path.resolve(root, opts.scenarioFile);
  const scenarios = readWorkflowFile(scenarioFile);
  const wanted = opts.scenarioNames;
  const unknown = (wanted ?? []).filter((n) => !scenarios.some((s) => s.name === n));
  if (unknown.length) {
    throw new CtrlhuntError(
      "CTRLHUNT_USAGE",
      `no scenario named ${unknown.map((n) => `"${n}"`).join(", ")} in ${scenarioFile} (has: ${scenarios.map((s) => s.name).join(", ")})`,
    );
  }
  const outDir = path.resolve(root, opts.outDir);
  const dumpsDir = eo.layout === "flat" ? outDir : path.join(outDir, "dumps");
  if (eo.layout !== "flat" && fs.existsSync(dumpsDir) && fs.readdirSync(dumpsDir).length > 0) {
    throw new CtrlhuntError("CTRLHUNT_USAGE", `${dumpsDir} already holds files; use a fresh run folder`);
  }
  const sha = createHash("sha256").update(fs.readFileSync(scenarioFile)).digest("hex");
  const invocationId = runInvocationId(sha, opts.mode, eo.seed ?? 0, wanted ?? []);
  const rel = relativeToWorkspace(root, scenarioFile);
  const deadline = opts.timeoutMs !== undefined ? Date.now() + opts.timeoutMs : undefined;
  const dumps: string[] = [];
  const metrics: RunMetrics[] = [];
  const errors: ReconcileError[] = [];
  const summaries: DumpSummary[] = [];
  const warnings: string[] = [];
  let partial = false;
  for (const [i, s] of scenarios.entries()) {
    if (wanted && !wanted.includes(s.name)) continue;
    if (deadline !== undefined && Date.now() >= deadline) {
      partial = true;
      break;
    }
    const { outputs, warnings: w } = await exploreContainedInto(
      projectFile,
      s,
      {
        mode: opts.mode,
        maxDepth: opts.maxDepth,
        trials: opts.trials,
        workers: opts.workers,
        timeoutMs: deadline !== undefined ? Math.max(1, deadline - Date.now()) : undefined,
        seed: eo.seed,
        optimizations: eo.optimizations,
        invocationId,
        inputRef: `${rel}#${i}`,
        runIndex: i,
        file: scenarioFile,
        reproducible: clock.reproducible,
        emitStats: eo.emitStats,
        maxStalenessPhases: eo.maxStalenessPhases,
        onEvent: opts.onEvent,
        signal: opts.signal,
        maxMemoryMb: opts.maxMemoryMb,
        ...(opts.maxStates !== undefined ? { maxStates: opts.maxStates } : {}),
      },
      dumpsDir,
    );
    warnings.push(...w);
    for (const o of outputs) {
      // Written where produced, citing the absolute file: the record names files relative to the workspace.
      const file = relativeToWorkspace(root, o.file);
      dumps.push(file);
      metrics.push(o.metrics);
      errors.push(...o.reconcileErrors.map((e) => ({ ...e, citation: { ...e.citation, dump: file } })));
      summaries.push({ ...o.summary, file });
      if (o.timedOut) partial = true;
    }
    const capped = outputs.some((o) => o.timedOut) && opts.maxStates !== undefined;
    if (capped && (deadline === undefined || Date.now() < deadline))
      warnings.push(
        `${s.name}: the search stopped at its state cap (${opts.maxStates} state visits): results are partial`,
      );
  }
  const record: RunRecord = {
    runId: path.basename(outDir),
    engine: "embedded",
    mode: opts.mode,
    project: project.name,
    scenarioFile: rel,
    command: [],
    invocationId,
    dumps,
    metrics: addRunMetrics(metrics),
    provenance: {
      ctrlhuntVersion: ENGINE_VERSION,
      scenarioSha256: sha,
      modelSha256: modelDigest(projectFile),
      seed: eo.seed ?? 0,
    },
    startedAt,
    durationMs: clock.elapsedSince(startMs),
    status: partial ? "partial" : "ok",
    ...(warnings.length ? { warnings } : {}),
    ...(errors.length ? { reconcileErrors: errors } : {}),
  };
  return { record, summaries };
}

/** The embedded engine behind the Engine interface: dumps written atomically, a RunRecord returned. */
export function embeddedEngine(workspaceRoot: string, eo: EmbeddedEngineOptions = {}): Engine {
  return {
    name: "embedded",
    async run(opts: RunOptions): Promise<RunRecord> {
      return (await runEmbedded(workspaceRoot, opts, eo)).record;
    },
  };
}
