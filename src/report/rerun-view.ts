import type { RerunSection } from "../formats/records.ts";
import { VERDICT_WORD } from "./labels.ts";

/**
 * Dated re-run sections, rendered only from their own (append-only) records: a later record never changes how an
 * earlier section reads, so appended sections are never rewritten.
 */
export function rerunView(sections: readonly RerunSection[]) {
  const perDate = new Map<string, number>();
  return sections.map((s) => {
    const n = (perDate.get(s.date) ?? 0) + 1;
    perDate.set(s.date, n);
    const names = [...new Set([...Object.keys(s.metricsBefore), ...Object.keys(s.metricsAfter)])].sort();
    const newFindings = Array.isArray(s.newFindings) ? s.newFindings.map(String) : [];
    return {
      heading: n === 1 ? `Re-run (${s.date})` : `Re-run (${s.date}, #${n})`,
      whatChanged: s.whatChanged,
      commits: s.commits,
      metrics: names.map((name) => ({
        name,
        before: s.metricsBefore[name] ?? "—",
        after: s.metricsAfter[name] ?? "—",
      })),
      verdicts: s.verdicts.map((v) => ({
        finding: v.finding,
        verdict: VERDICT_WORD[v.verdict],
        note: v.note ?? "",
      })),
      newFindings,
      resolved: s.verdicts.filter((v) => v.verdict === "no-longer-reproduces").map((v) => v.finding),
    };
  });
}
