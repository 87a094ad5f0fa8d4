import type {
  Dimension,
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

/** `External event + ordering` (rollup Perturbation column). */
export function perturbationText(dims: readonly Dimension[]): string {
  const s = dims.map((d) => DIMENSION_WORD[d]).join(" + ");
  return s === "" ? "—" : s.charAt(0).toUpperCase() + s.slice(1);
}

/** `3/5 trials (60%)`. */
export function hitRateText(h: HitRate | undefined): string | undefined {
  if (!h) return undefined;
  return `${h.k}/${h.n} trials (${Math.round((100 * h.k) / h.n)}%)`;
}

export function percent(count: number, total: number): string {
  return total === 0 ? "—" : `${((100 * count) / total).toFixed(1).replace(/\.0$/, "")}%`;
}

/** Short hash for tables: 12 characters is enough to grep a dump. */
export const shortHash = (h: string): string => (h.length > 12 ? h.slice(0, 12) : h);
