import path from "node:path";
import { readDumpFile, splitDumpId, statesOf } from "../../analysis/index.ts";
import { CtrlhuntError } from "../../errors/index.ts";
import type { EvidenceStore } from "../../evidence/index.ts";
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

/**
 * `finding explain` / `explain_finding`: fill (or with `replace`, redo) a stored finding's Mechanism and Fix.
 * Returns the finding and whether it changed; a finding without an expected/divergent pair is a usage error.
 */
export function explainStoredFinding(
  store: EvidenceStore,
  project: string,
  id: string,
  opts: { replace?: boolean } = {},
): { finding: Finding; changed: boolean } {
  const f = store.readFinding(project, id);
  if (f.mechanism && !opts.replace) return { finding: f, changed: false };
  const x = explainFinding(store.root, f);
  if (!x)
    throw new CtrlhuntError(
      "CTRLHUNT_USAGE",
      `${f.id} has no expected and divergent path among its citations to explain from`,
    );
  return { finding: store.updateFinding(project, f.id, (g) => withExplanation(g, x)), changed: true };
}
