import type {
  Dimension,
  Finding,
  FindingStatus,
  HitRate,
  HypothesisStatus,
  RerunVerdict,
} from "../formats/records.ts";

/** Words the documents use for record values (kamera's spelling where it has one, workflow §7). */

export const STATUS_WORD: Record<FindingStatus, string> = {
  confirmed: "CONFIRMED",
  negative: "NEGATIVE",
  observation: "OBSERVATION",
  retracted: "RETRACTED",
  "false-positive": "FALSE POSITIVE",
};

export const HYPOTHESIS_WORD: Record<HypothesisStatus, string> = {
  unverified: "Unverified",
  blocked: "Blocked",
  confirmed: "Confirmed",
  refuted: "Refuted",
  inconclusive: "Inconclusive",
};

export const VERDICT_WORD: Record<RerunVerdict, string> = {
  "still-reproduces": "still-reproduces",
  shifts: "shifts",
  "no-longer-reproduces": "no-longer-reproduces",
  "retraction-candidate": "retraction candidate",
};

export const DIMENSION_WORD: Record<Dimension, string> = {
  ordering: "ordering",
  staleness: "staleness",
  "fault-injection": "fault injection",
  "user-action-timing": "external event",
  "monte-carlo": "Monte Carlo",
  "pure-logic": "pure logic",
};

/** `CONFIRMED`, or `FIXED (re-run 2026-12-04-1, abc123def456)` for a confirmed finding a re-run showed fixed. */
export function statusText(f: Pick<Finding, "status" | "fixedIn">): string {
  if (f.status !== "confirmed" || !f.fixedIn) return STATUS_WORD[f.status];
  const at = [
    f.fixedIn.rerun ?? f.fixedIn.date,
    ...(f.fixedIn.commit ? [f.fixedIn.commit.slice(0, 12)] : []),
  ];
  return `FIXED (re-run ${at.join(", ")})`;
}

/** `External event + ordering` (rollup Perturbation column). */
export function perturbationText(dims: readonly Dimension[]): string {
  const s = dims.map((d) => DIMENSION_WORD[d]).join(" + ");
  return s === "" ? "—" : s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * `3 of 5 terminal states (60%)`: n is what the judge counted — the exploration's terminal states, or the trials of
 * a Monte Carlo search (one terminal state per trial). The first dimension is the one whose judgement set the rate
 * (later confirmations of the same mechanism add dimensions, not rates).
 */
export function hitRateText(h: HitRate | undefined, dims: readonly Dimension[] = []): string | undefined {
  if (!h) return undefined;
  const unit = dims[0] === "monte-carlo" ? "trials" : "terminal states";
  return `${h.k} of ${h.n} ${unit} (${Math.round((100 * h.k) / h.n)}%)`;
}

export function percent(count: number, total: number): string {
  return total === 0 ? "—" : `${((100 * count) / total).toFixed(1).replace(/\.0$/, "")}%`;
}

/** Short hash for tables: 12 characters is enough to grep a dump. */
export const shortHash = (h: string): string => (h.length > 12 ? h.slice(0, 12) : h);
