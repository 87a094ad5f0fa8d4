import type { MetricsRow } from "./metrics.ts";

/**
 * `--format kamera`: the exact table of `kamera analyze campaign-metrics` (formats §3.2) — per invocation_id (all
 * phases summed), dumps without invocation_id skipped, Go tabwriter layout (min width 0, padding 2, spaces).
 */

const COLUMNS = [
  "invocation_id",
  "dumps",
  "unique_node_visits",
  "total_node_visits",
  "unique_resource_states",
  "duration_ns",
  "error_dumps",
  "aborted_states",
  "max_depth_aborted_states",
] as const;

export function kameraCampaignRows(rows: ReadonlyArray<MetricsRow>): string[][] {
  const byInvocation = new Map<string, number[]>();
  for (const r of rows) {
    if (r.invocationId === "") continue;
    const sums = byInvocation.get(r.invocationId) ?? [0, 0, 0, 0, 0, 0, 0, 0];
    const add = [
      r.dumps,
      r.uniqueNodeVisits,
      r.totalNodeVisits,
      r.uniqueResourceStates,
      r.durationNs,
      r.errorDumps,
      r.aborted,
      r.maxDepthAborted,
    ];
    byInvocation.set(
      r.invocationId,
      sums.map((v, i) => v + add[i]),
    );
  }
  return [...byInvocation.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([id, sums]) => [id, ...sums.map((n) => String(n))]);
}

/** Go text/tabwriter with minwidth 0, padding 2, padchar ' ': every tab-terminated cell is padded to its column. */
export function tabwrite(lines: ReadonlyArray<ReadonlyArray<string>>): string {
  const widths: number[] = [];
  for (const cells of lines)
    cells.slice(0, -1).forEach((c, i) => {
      widths[i] = Math.max(widths[i] ?? 0, c.length + 2);
    });
  return lines
    .map((cells) => cells.map((c, i) => (i < cells.length - 1 ? c.padEnd(widths[i]) : c)).join(""))
    .join("\n");
}

export function formatKameraCampaignMetrics(rows: ReadonlyArray<MetricsRow>): string {
  return `${tabwrite([[...COLUMNS], ...kameraCampaignRows(rows)])}\n`;
}
