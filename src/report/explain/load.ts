import path from "node:path";
import { readDumpFile, splitDumpId, statesOf } from "../../analysis/index.ts";
import type { Citation } from "../../formats/citation.ts";
import type { Finding } from "../../formats/records.ts";
import { type Explanation, explainedPair, explainPaths } from "./explain.ts";
import { type CitedPath, citedPath } from "./trace-facts.ts";

/** I/O edge: the cited path of a citation, read from its dump (undefined when the dump or state is gone). */
function loadPath(root: string, c: Citation): CitedPath | undefined {
  const { file, line } = splitDumpId(c.dump);
  const docs = readDumpFile(path.resolve(root, file)).dumps.filter(
    (d) => line === undefined || d.line === line,
  );
  for (const d of docs) {
    const state = statesOf(d.dump).find((s) => s.id === c.stateId);
    if (state) return citedPath(c, state);
  }
  return undefined;
}

/** The explanation of a finding from its stored dumps, or undefined when it has no expected/divergent pair. */
export function explainFinding(root: string, f: Finding): Explanation | undefined {
  const pair = explainedPair(f);
  if (!pair) return undefined;
  const expected = loadPath(root, pair.expected);
  const divergent = loadPath(root, pair.divergent);
  return expected && divergent ? explainPaths(f, expected, divergent) : undefined;
}

/** The finding with Mechanism and Fix filled from the trace and the citations they refer to appended. */
export function withExplanation(f: Finding, x: Explanation): Finding {
  return { ...f, mechanism: x.mechanism, fix: x.fix, citations: [...f.citations, ...x.citations] };
}
