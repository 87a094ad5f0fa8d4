import { type Finding, Severity } from "../formats/records.ts";

/**
 * Only open confirmed findings are bugs; retracted, false-positive, negative and observation never count, nor a
 * confirmed finding a re-run showed fixed (it keeps status "confirmed" so its evidence and history stay as they were).
 */
export function isCountedBug(f: Pick<Finding, "status" | "fixedIn">): boolean {
  return f.status === "confirmed" && f.fixedIn === undefined;
}

/** The status a summary counts a finding under: its record status, or "fixed" for a confirmed finding fixed since. */
export function countedStatus(f: Pick<Finding, "status" | "fixedIn">): string {
  return f.status === "confirmed" && f.fixedIn !== undefined ? "fixed" : f.status;
}

export type SeverityCounts = Record<Severity, number>;

/** Confirmed bugs per severity, computed from records (never typed by hand). */
export function severityCounts(
  findings: ReadonlyArray<Pick<Finding, "status" | "severity" | "fixedIn">>,
): SeverityCounts {
  const counts = Object.fromEntries(Severity.options.map((s) => [s, 0])) as SeverityCounts;
  for (const f of findings) if (isCountedBug(f)) counts[f.severity]++;
  return counts;
}

export function totalOf(counts: SeverityCounts): number {
  return Severity.options.reduce((n, s) => n + counts[s], 0);
}

/** `1×P1, 2×P2` (severities with zero bugs left out; `—` when there are none). */
export function formatDistribution(counts: SeverityCounts): string {
  const parts = Severity.options.filter((s) => counts[s] > 0).map((s) => `${counts[s]}×${s}`);
  return parts.length ? parts.join(", ") : "—";
}

/** Parse `1×P1, 2×P2` (also `1xP1`, `1 × P1`); undefined when the text is not a distribution. */
export function parseDistribution(text: string): SeverityCounts | undefined {
  const counts = severityCounts([]);
  const t = text.trim();
  if (t === "—" || t === "-" || t === "" || /^none$/i.test(t)) return counts;
  for (const part of t.split(/\s*,\s*/)) {
    const m = /^(\d+)\s*[×xX]\s*(P[0-3])$/.exec(part);
    if (!m) return undefined;
    counts[m[2] as Severity] += Number(m[1]);
  }
  return counts;
}
