import type { BatchReport } from "../batch.ts";

/** Lines for stderr about damaged and skipped dumps (one line per problem). */
export function formatBatchProblems(b: BatchReport): string[] {
  const lines = b.quarantined.map(
    (q) => `${q.dump}: ${q.code}: ${q.message}${q.movedTo ? ` (moved to ${q.movedTo})` : ""}`,
  );
  if (b.partial)
    lines.push(`partial result: ${b.quarantined.length} damaged dump(s) left out, ${b.dumps} analysed`);
  return lines;
}
