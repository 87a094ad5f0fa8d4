import fs from "node:fs";
import path from "node:path";
import { CtrlhuntError, isCtrlhuntError } from "../errors/index.ts";
import { parseJsonText } from "../formats/json-text.ts";
import { findWorkspaceRoot } from "../workspace/index.ts";
import { type BatchOptions, type BatchReport, forEachDump } from "./batch.ts";
import { diffAccumulator, type DiffOptions, type DiffResult } from "./diff.ts";
import { calibrate, type KindSeqResult } from "./kindseq.ts";
import { metricsAccumulator, type MetricsResult } from "./metrics.ts";
import { pathsAccumulator, type PathsResult } from "./paths.ts";
import { dumpId } from "./read-dumps.ts";
import { type StatesOptions, type StatesResult, statesAccumulator } from "./states.ts";

/**
 * The one call per `ctrlhunt analyze` subcommand: arguments (files, folders, globs) in, result + batch report out.
 * Dumps stream through the analysis one at a time; damaged ones are listed and optionally moved aside.
 */

export interface AnalyzeInputsOptions {
  cwd: string;
  /** Folder dump paths are reported against (default: the workspace root above cwd, else cwd). */
  base?: string;
  quarantineDir?: string;
}

export interface Analyzed<T> {
  result: T;
  batch: BatchReport;
}

function batchOptions(opts: AnalyzeInputsOptions): BatchOptions {
  let base = opts.base;
  if (base === undefined) {
    try {
      base = findWorkspaceRoot(opts.cwd);
    } catch (e) {
      if (!isCtrlhuntError(e)) throw e;
      base = opts.cwd;
    }
  }
  const quarantineDir = opts.quarantineDir ? path.resolve(opts.cwd, opts.quarantineDir) : undefined;
  return { cwd: opts.cwd, base, quarantineDir };
}

/** maxDepth per scenario name from kamera input files (for "double maxDepth to N"). */
export function readMaxDepths(files: ReadonlyArray<string>, cwd: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const f of files) {
    const abs = path.resolve(cwd, f);
    if (!fs.existsSync(abs))
      throw new CtrlhuntError("CTRLHUNT_NOT_FOUND", `no such inputs file: ${f}`, {
        issues: [{ file: f, path: "", message: "no such inputs file" }],
      });
    const data = parseJsonText(fs.readFileSync(abs, "utf8"), f);
    if (!Array.isArray(data))
      throw new CtrlhuntError("CTRLHUNT_WORKFLOW_INVALID", `${f}: not a kamera inputs file`, {
        issues: [{ file: f, path: "", message: "expected a top-level JSON array of scenarios" }],
      });
    for (const s of data as Array<{ name?: unknown; tuning?: { maxDepth?: unknown } }>) {
      if (typeof s?.name === "string" && typeof s.tuning?.maxDepth === "number" && s.tuning.maxDepth > 0)
        out.set(s.name, s.tuning.maxDepth);
    }
  }
  return out;
}

export function analyzeMetricsInputs(
  inputs: ReadonlyArray<string>,
  opts: AnalyzeInputsOptions & { scenarioFiles?: string[] },
): Analyzed<MetricsResult> {
  const depths = readMaxDepths(opts.scenarioFiles ?? [], opts.cwd);
  const acc = metricsAccumulator();
  const batch = forEachDump(inputs, batchOptions(opts), (_ref, dump) => acc.add(dump));
  return { result: acc.result({ maxDepthOf: (s) => depths.get(s) }), batch };
}

export function analyzeStatesInputs(
  inputs: ReadonlyArray<string>,
  opts: AnalyzeInputsOptions & StatesOptions,
): Analyzed<StatesResult> {
  const acc = statesAccumulator(opts);
  const batch = forEachDump(inputs, batchOptions(opts), (ref, dump) => acc.add(dumpId(ref), dump));
  return { result: acc.result(), batch };
}

export function analyzeDiffInputs(
  inputs: ReadonlyArray<string>,
  opts: AnalyzeInputsOptions & DiffOptions,
): Analyzed<DiffResult> {
  const acc = diffAccumulator(opts);
  const batch = forEachDump(inputs, batchOptions(opts), (ref, dump) => acc.add(dumpId(ref), dump));
  return { result: acc.result(), batch };
}

export function analyzePathsInputs(
  inputs: ReadonlyArray<string>,
  opts: AnalyzeInputsOptions & { stateId?: string; limit?: number },
): Analyzed<PathsResult> {
  const acc = pathsAccumulator(opts);
  const batch = forEachDump(inputs, batchOptions(opts), (ref, dump) => acc.add(dumpId(ref), dump));
  return { result: acc.result(), batch };
}

export function analyzeKindSeqInputs(
  inputs: ReadonlyArray<string>,
  opts: AnalyzeInputsOptions & { stateId?: string; pathIndex?: number },
): Analyzed<{ results: KindSeqResult[]; skipped: Array<{ dump: string; reason: string }> }> {
  const results: KindSeqResult[] = [];
  const skipped: Array<{ dump: string; reason: string }> = [];
  const batch = forEachDump(inputs, batchOptions(opts), (ref, dump) => {
    try {
      results.push(calibrate(dumpId(ref), dump, opts));
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      skipped.push({ dump: dumpId(ref), reason: e.message });
    }
  });
  return { result: { results, skipped }, batch };
}
