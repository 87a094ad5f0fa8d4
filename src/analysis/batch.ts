import type { Dump } from "../formats/dump.ts";
import type { DumpProblemCode } from "./dump-parse.ts";
import { type DumpRef, dumpId, quarantineFile, type ReadDumpsOptions, readDumps } from "./read-dumps.ts";

/**
 * Run one streaming analysis over a batch of dumps: each good dump is handed to `visit` and dropped; damaged ones
 * are listed (and moved aside with a quarantine folder). A batch with damage is "partial" (CLI exit code 3).
 */

export interface QuarantinedDump {
  dump: string;
  code: DumpProblemCode;
  message: string;
  path?: string;
  /** Where the file was moved (only with a quarantine folder). */
  movedTo?: string;
}

export interface BatchReport {
  dumps: number;
  quarantined: QuarantinedDump[];
  skipped: Array<{ dump: string; reason: string }>;
  partial: boolean;
}

export interface BatchOptions extends ReadDumpsOptions {
  quarantineDir?: string;
}

export function forEachDump(
  inputs: ReadonlyArray<string>,
  opts: BatchOptions,
  visit: (ref: DumpRef, dump: Dump) => void,
): BatchReport {
  const report: BatchReport = { dumps: 0, quarantined: [], skipped: [], partial: false };
  const damaged = new Map<string, QuarantinedDump[]>();
  const exclude = [...(opts.exclude ?? []), ...(opts.quarantineDir ? [opts.quarantineDir] : [])];
  for (const item of readDumps(inputs, { ...opts, exclude })) {
    if (item.kind === "dump") {
      report.dumps++;
      visit(item.ref, item.dump);
    } else if (item.kind === "skipped") report.skipped.push({ dump: item.ref.file, reason: item.reason });
    else {
      const q: QuarantinedDump = { dump: dumpId(item.ref), ...item.problem };
      delete (q as { line?: number }).line;
      report.quarantined.push(q);
      damaged.set(item.abs, [...(damaged.get(item.abs) ?? []), q]);
    }
  }
  if (opts.quarantineDir) {
    for (const [abs, entries] of damaged) {
      const movedTo = quarantineFile(abs, opts.quarantineDir);
      for (const q of entries) q.movedTo = movedTo;
    }
  }
  report.partial = report.quarantined.length > 0;
  return report;
}

/** Collect every good dump of a batch in memory (for analyses that need whole dumps: diff, paths, kindseq). */
export function loadDumps(
  inputs: ReadonlyArray<string>,
  opts: BatchOptions,
): { dumps: Array<{ ref: DumpRef; dump: Dump }>; report: BatchReport } {
  const dumps: Array<{ ref: DumpRef; dump: Dump }> = [];
  const report = forEachDump(inputs, opts, (ref, dump) => dumps.push({ ref, dump }));
  return { dumps, report };
}
