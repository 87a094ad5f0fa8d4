import { Dimension, type Finding, type Hypothesis, type HypothesisType } from "../formats/records.ts";
import type { Tuning } from "../formats/workflow.ts";

/**
 * Coverage matrix (workflow §5 item 16): controller × perturbation dimension, from what the runs' tunings
 * perturbed, which hypotheses targeted, and which findings were confirmed.
 */

/** Which perturbation dimension a hypothesis type tests (Phase J table, by dimension). */
export const DIMENSION_OF: Record<HypothesisType, Dimension> = {
  ordering: "ordering",
  "ordering-after-event": "ordering",
  "ordering-depth-band": "ordering",
  staleness: "staleness",
  "user-action-timing": "user-action-timing",
  "fault-injection": "fault-injection",
  "monte-carlo": "monte-carlo",
  "unconditional-write": "pure-logic",
};

/** `*` = every controller of the scenario. */
export type Perturbed = { dimension: Dimension; controllers: string[] | "*" };

const nonEmpty = (o: object | null | undefined) => o !== null && o !== undefined && Object.keys(o).length > 0;

/** The dimensions a scenario's tuning perturbs, and for which controllers; no perturbation = pure logic. */
export function tuningDimensions(t: Tuning | null | undefined): Perturbed[] {
  const out: Perturbed[] = [];
  const permuted = t?.permuteControllers ?? [];
  if (permuted.length) out.push({ dimension: "ordering", controllers: [...permuted] });
  const stale = [
    ...(t?.stalenessIntervals ?? []).map((s) => s.reconciler),
    ...Object.keys(t?.staleReads ?? {}),
  ];
  if (stale.length) out.push({ dimension: "staleness", controllers: stale });
  const crash = (t?.faultInjection ?? []).map((f) => f.reconciler);
  if (crash.length) out.push({ dimension: "fault-injection", controllers: crash });
  if (nonEmpty(t?.userActionReadyDepths)) out.push({ dimension: "user-action-timing", controllers: "*" });
  if ((t?.search?.mode ?? "").trim().toLowerCase() === "monte_carlo")
    out.push({ dimension: "monte-carlo", controllers: permuted.length ? [...permuted] : "*" });
  if (out.length === 0) out.push({ dimension: "pure-logic", controllers: "*" });
  return out;
}

export interface CoverageInput {
  controllers: readonly string[];
  /** Per run: the dimensions its scenario file perturbed. */
  runs: ReadonlyArray<{ runId: string; perturbed: readonly Perturbed[] }>;
  hypotheses: readonly Hypothesis[];
  findings: readonly Finding[];
  /** Controllers a finding's citations and hypothesis name (so a finding lands in its rows). */
  findingControllers: ReadonlyMap<string, readonly string[]>;
}

export interface CoverageMatrix {
  dimensions: Dimension[];
  rows: Array<{ controller: string; cells: string[] }>;
}

export function coverageMatrix(input: CoverageInput): CoverageMatrix {
  const dimensions = [...Dimension.options];
  const key = (c: string, d: string) => `${c}\u0000${d}`;
  const runs = new Map<string, number>();
  const notes = new Map<string, string[]>();
  const note = (c: string, d: string, s: string) =>
    notes.set(key(c, d), [...(notes.get(key(c, d)) ?? []), s]);
  const controllers = [...new Set(input.controllers)].sort();
  for (const r of input.runs) {
    const seen = new Set<string>();
    for (const p of r.perturbed)
      for (const c of p.controllers === "*" ? controllers : p.controllers) seen.add(key(c, p.dimension));
    for (const k of seen) runs.set(k, (runs.get(k) ?? 0) + 1);
  }
  for (const h of input.hypotheses)
    for (const c of h.targets.controllers) note(c, DIMENSION_OF[h.type], `${h.id} ${h.status}`);
  for (const f of input.findings.filter((x) => x.status === "confirmed"))
    for (const c of input.findingControllers.get(f.id) ?? [])
      for (const d of f.dimensions) note(c, d, `${f.id} (${f.severity})`);
  const named = new Set([
    ...controllers,
    ...[...runs.keys(), ...notes.keys()].map((k) => k.split("\u0000")[0]),
  ]);
  return {
    dimensions,
    rows: [...named].sort().map((controller) => ({
      controller,
      cells: dimensions.map((d) => {
        const n = runs.get(key(controller, d)) ?? 0;
        const parts = [
          ...(n ? [`${n} run${n === 1 ? "" : "s"}`] : []),
          ...(notes.get(key(controller, d)) ?? []),
        ];
        return parts.length ? parts.join(" · ") : "—";
      }),
    })),
  };
}
