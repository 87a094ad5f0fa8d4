import fs from "node:fs";
import path from "node:path";
import { citeStep, readDumpFile, splitDumpId, statesOf, terminalHash } from "../analysis/index.ts";
import { CtrlhuntError } from "../errors/index.ts";
import type { Citation } from "../formats/citation.ts";
import { relativeToWorkspace } from "../workspace/index.ts";
import type { CitationRef } from "./finding-input.ts";

/**
 * I/O edge: turn `DUMP@STATE/PATH/STEP` into a full citation by reading the dump (controller and contents hash
 * come from the trace, never from the user), and the terminal hashes of the cited states.
 */
export function citeFromDump(
  root: string,
  cwd: string,
  ref: CitationRef,
): { citation: Citation; terminal: string } {
  const { file, line } = splitDumpId(ref.dump);
  const abs = path.resolve(cwd, file);
  const fail = (message: string) =>
    new CtrlhuntError("CTRLHUNT_USAGE", message, { issues: [{ path: "--cite", message }], exitCode: 1 });
  if (!fs.existsSync(abs)) throw fail(`${ref.dump}: no such dump`);
  const docs = readDumpFile(abs).dumps.filter((d) => line === undefined || d.line === line);
  const state = docs.flatMap((d) => statesOf(d.dump)).find((s) => s.id === ref.stateId);
  if (!state) throw fail(`${ref.dump}: no state ${ref.stateId}`);
  const steps = (state.paths ?? [])[ref.pathIndex];
  if (!steps) throw fail(`${ref.dump}: state ${ref.stateId} has no path ${ref.pathIndex}`);
  const step = ref.stepIndex === "end" ? steps.length - 1 : ref.stepIndex;
  if (step >= steps.length)
    throw fail(`${ref.dump}: path ${ref.pathIndex} has ${steps.length} step(s), no step ${step}`);
  const rel = relativeToWorkspace(root, abs) + (line === undefined ? "" : `#${line}`);
  return { citation: citeStep(rel, state, ref.pathIndex, step), terminal: terminalHash(state) };
}
