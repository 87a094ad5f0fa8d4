import path from "node:path";
import type { Dump } from "../../src/formats/dump.ts";
import { readDumpFile } from "../../src/analysis/index.ts";

/** Fixture dumps (test/fixtures/dumps), read through the real reader. */
export const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/dumps");

export function fixture(rel: string): Dump {
  const r = readDumpFile(path.join(FIXTURES, rel));
  if (r.problems.length || r.dumps.length !== 1)
    throw new Error(`fixture ${rel}: ${JSON.stringify(r.problems)}`);
  return r.dumps[0].dump;
}

export const mcTrials = () =>
  Array.from({ length: 10 }, (_, i) => ({ id: `mc/trial_${i}.jsonl`, dump: fixture(`mc/trial_${i}.jsonl`) }));
