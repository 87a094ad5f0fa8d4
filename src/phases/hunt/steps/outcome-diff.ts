import path from "node:path";
import { computeDiff, readDumpFile, splitDumpId } from "../../../analysis/index.ts";
import type { Citation } from "../../../formats/citation.ts";

const MAX_OBJECTS = 6;
const MAX_FIELDS = 4;

/** The dumps a judgement cites, loaded once each (ids as citations name them). */
function citedDumps(root: string, citations: readonly Citation[]) {
  const seen = new Map<string, ReturnType<typeof readDumpFile>["dumps"]>();
  for (const c of citations) {
    const { file } = splitDumpId(c.dump);
    if (!seen.has(file)) seen.set(file, readDumpFile(path.resolve(root, file)).dumps);
  }
  return [...seen].flatMap(([file, docs]) => docs.map((d) => ({ id: file, dump: d.dump })));
}

/**
 * What the divergent terminal states do differently from the expected one, in words, from the analysis diff of
 * the cited states (trace evidence, not code analysis): missing or extra objects, and the fields that differ.
 */
export function describeOutcomeDiff(root: string, citations: readonly Citation[]): string | undefined {
  const [expected, ...divergent] = citations;
  if (!expected || divergent.length === 0) return undefined;
  const select = [...new Set(citations.map((c) => `${splitDumpId(c.dump).file}@${c.stateId}`))];
  const diff = computeDiff(citedDumps(root, citations), { select });
  const ref = diff.targets.find(
    (t) => t.stateId === expected.stateId && splitDumpId(expected.dump).file === t.dump,
  );
  if (!ref || diff.differing.length === 0) return undefined;
  const lines = diff.differing.slice(0, MAX_OBJECTS).map((o) => {
    const inRef = o.versions.find((v) => v.target === ref.label)?.hash ?? null;
    const others = o.versions.filter((v) => v.target !== ref.label);
    if (inRef !== null && others.some((v) => v.hash === null)) return `${o.object} is missing`;
    if (inRef === null) return `${o.object} exists that the expected outcome does not have`;
    const fields = o.fields.flatMap((f) => ("changes" in f ? f.changes.map((c) => c.path) : []));
    const shown = [...new Set(fields)].slice(0, MAX_FIELDS);
    return `${o.object} differs${shown.length ? ` in ${shown.join(", ")}` : ""}`;
  });
  const more =
    diff.differing.length > MAX_OBJECTS ? ` (+${diff.differing.length - MAX_OBJECTS} more objects)` : "";
  return `Compared with the expected terminal state ${expected.contentsHash}: ${lines.join("; ")}${more}.`;
}
