import path from "node:path";
import { readDumpFile, splitDumpId, statesOf, terminalObjects } from "../../../analysis/index.ts";
import type { Citation } from "../../../formats/citation.ts";
import { keyString } from "../../../formats/dump.ts";
import type { Severity } from "../../../formats/records.ts";
import type { Judgement } from "../../../hypotheses/index.ts";

/** Object keys of the terminal state a citation points at (undefined when it cannot be read). */
function objectSet(root: string, c: Citation): Set<string> | undefined {
  const { file, line } = splitDumpId(c.dump);
  const docs = readDumpFile(path.resolve(root, file)).dumps.filter(
    (d) => line === undefined || d.line === line,
  );
  for (const d of docs) {
    const s = statesOf(d.dump).find((x) => x.id === c.stateId);
    if (s) return new Set(terminalObjects(s).map((o) => keyString(o.key)));
  }
  return undefined;
}

const sameSet = (a: Set<string>, b: Set<string>) => a.size === b.size && [...a].every((x) => b.has(x));

/**
 * Severity from what the evidence shows (rubric of the workflow spec): an object missing or left over in a
 * terminal state, a violated predicate or a failure that never heals is permanent until someone intervenes (P1);
 * a cycle is an efficiency problem (P3); otherwise the pattern's expected severity (field values differ: P2).
 */
export function severityFromEvidence(root: string, j: Judgement, expected: Severity): Severity {
  if (j.evidence === "cycling") return "P3";
  if (j.evidence === "invariant" || j.evidence === "predicate" || j.evidence === "error") return "P1";
  const [reference, ...divergent] = j.citations;
  const refSet = reference ? objectSet(root, reference) : undefined;
  if (!refSet) return expected;
  for (const c of divergent) {
    const set = objectSet(root, c);
    if (set && !sameSet(set, refSet)) return "P1";
  }
  return expected === "P1" ? "P2" : expected;
}
