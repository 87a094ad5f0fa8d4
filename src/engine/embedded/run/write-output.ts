import { createHash } from "node:crypto";
import path from "node:path";
import { summarizeDumpMetrics } from "../../../formats/run-record.ts";
import { writeFileAtomic } from "../../../workspace/index.ts";
import { summarizeDump, writeDumpJson } from "../dump/index.ts";
import type { ExploreOutput, WrittenOutput } from "./types.ts";

/** Write one dump atomically into `dir` and keep only what the run record and the summary need. */
export function writeOutput(o: ExploreOutput, dir: string, keepDump = false): WrittenOutput {
  const file = path.join(dir, o.fileName);
  const text = writeDumpJson(o.dump);
  writeFileAtomic(file, text);
  const { dump, ...rest } = o;
  const written: WrittenOutput = {
    ...rest,
    file,
    sha256: createHash("sha256").update(text).digest("hex"),
    summary: summarizeDump(file, o.phase, dump, o.trialIndex, o.timedOut ?? false),
    metrics: summarizeDumpMetrics([dump]),
  };
  if (keepDump) written.dump = dump;
  return written;
}
