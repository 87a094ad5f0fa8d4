import fs from "node:fs";
import { z } from "zod";
import { readRecordIfExists, writeRecord } from "./records.ts";

/**
 * Stable IDs that are never reused: the highest number ever handed out per prefix is kept in a counter
 * file, so deleting or retracting a record does not free its number. Callers hold the workspace lock.
 */
export const IdCounters = z
  .record(z.string(), z.number().int().min(0))
  .describe("prefix → highest number issued");
export type IdCounters = z.infer<typeof IdCounters>;

/** Highest number among IDs shaped `<prefix><n>` (e.g. H3, F12). */
export function highestId(prefix: string, ids: Iterable<string>): number {
  let max = 0;
  const re = new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(\\d+)$`);
  for (const id of ids) {
    const m = re.exec(id);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return max;
}

/** Allocate the next ID for `prefix`, considering both the counter file and IDs already on disk. */
export function allocateId(counterFile: string, prefix: string, existing: Iterable<string>): string {
  const counters = readRecordIfExists(IdCounters, counterFile) ?? {};
  const next = Math.max(counters[prefix] ?? 0, highestId(prefix, existing)) + 1;
  writeRecord(IdCounters, counterFile, { ...counters, [prefix]: next });
  return `${prefix}${next}`;
}

/** Record IDs present in a folder (file stems). */
export function idsInFolder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).map((f) => f.replace(/\.(json|ya?ml)$/, ""));
}
