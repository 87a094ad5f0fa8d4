import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { collectReconcileErrors } from "../../../formats/reconcile-errors.ts";
import { summarizeDumpMetrics } from "../../../formats/run-record.ts";
import { writeFileAtomic } from "../../../workspace/index.ts";
import { summarizeDump, writeDumpJson } from "../dump/index.ts";
import type { ExploreOutput, WrittenOutput } from "./types.ts";

export interface WriteOptions {
  /** Also return the dump itself. */
  keepDump?: boolean;
  /**
   * false: write in place without temp file and fsync. For campaign shards, whose record (written last, atomically)
   * carries every dump's sha256: collect finds a torn or missing dump by its hash, so a sync per dump buys nothing
   * there and costs a third of a shard's time.
   */
  durable?: boolean;
}

/** Write one dump into `dir` (atomically unless asked not to) and keep only what the run record and summary need. */
export function writeOutput(o: ExploreOutput, dir: string, w: WriteOptions = {}): WrittenOutput {
  const file = path.join(dir, o.fileName);
  const text = writeDumpJson(o.dump);
  if (w.durable === false) fs.writeFileSync(file, text);
  else writeFileAtomic(file, text);
  const { dump, ...rest } = o;
  const written: WrittenOutput = {
    ...rest,
    file,
    sha256: createHash("sha256").update(text).digest("hex"),
    summary: summarizeDump(file, o.phase, dump, o.trialIndex, o.timedOut ?? false),
    metrics: summarizeDumpMetrics([dump]),
    reconcileErrors: collectReconcileErrors([{ file, dump }]),
  };
  if (w.keepDump) written.dump = dump;
  return written;
}
