import { tabwrite } from "../kamera-table.ts";
import type { MetricsResult } from "../metrics.ts";

/** Text of `analyze metrics`: one row per invocation × phase, then each row's verdict and next action. */

const seconds = (ns: number) => `${(ns / 1e9).toFixed(2)}s`;

export function formatMetrics(r: MetricsResult): string {
  if (r.rows.length === 0) return "no dumps\n";
  const header = [
    "invocation",
    "phase",
    "dumps",
    "unique",
    "total",
    "ratio",
    "resource_states",
    "converged",
    "aborted",
    "max_depth",
    "error_dumps",
    "duration",
  ];
  const rows = r.rows.map((m) => [
    m.invocationId || "(none)",
    m.phase || "-",
    String(m.dumps),
    String(m.uniqueNodeVisits),
    String(m.totalNodeVisits),
    m.cyclingRatio === null ? "-" : m.cyclingRatio.toFixed(1),
    String(m.uniqueResourceStates),
    String(m.converged),
    String(m.aborted),
    String(m.maxDepthAborted),
    String(m.errorDumps),
    seconds(m.durationNs),
  ]);
  const verdicts = r.rows.map(
    (m) =>
      `${m.invocationId || "(none)"}${m.phase ? ` ${m.phase}` : ""}: ${m.verdict.summary}: ${m.verdict.next}`,
  );
  const notes: string[] = [];
  if (r.dumpsWithoutInvocationId > 0)
    notes.push(`note: ${r.dumpsWithoutInvocationId} dump(s) without invocation_id (grouped as "(none)")`);
  const missing = r.rows.reduce((s, m) => s + m.dumpsWithoutCampaignMetrics, 0);
  if (missing > 0) notes.push(`note: ${missing} dump(s) without campaignMetrics (counted as 0)`);
  return `${tabwrite([header, ...rows])}\n\nverdicts:\n${verdicts.map((v) => `  ${v}`).join("\n")}\n${notes.map((n) => `${n}\n`).join("")}`;
}
