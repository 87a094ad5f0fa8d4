import type { Finding, RerunSection, RerunVerdict } from "../formats/records.ts";
import type { RunMetrics } from "../formats/run-record.ts";

/** Terminal-state groups observed by the new runs of one scenario file (base or variant). */
export interface ScenarioGroups {
  scenario: string;
  groups: ReadonlyArray<{ hash: string; count: number }>;
}

export interface FindingVerdict {
  finding: string;
  verdict: RerunVerdict;
  note: string;
}

function scenarioOf(f: Finding): string {
  return f.variant ?? f.scenario;
}

/**
 * Re-evaluate one finding against new terminal-state groups (Phase I, fidelity re-evaluation). The pinned hashes
 * are the bad outcomes (older records also pinned the reference's, cited as "expected …", which is ignored): any
 * reappears → still-reproduces; none does and the run collapses to one state → no-longer-reproduces; anything else
 * (states moved) → shifts.
 */
export function classifyFinding(
  f: Finding,
  observed: ScenarioGroups | undefined,
): FindingVerdict | undefined {
  if (!observed || observed.groups.length === 0) return undefined;
  const now = new Set(observed.groups.map((g) => g.hash));
  // Older records also pinned the reference's expected outcome; only the bad outcomes decide.
  const expected = new Set(
    f.citations.filter((c) => c.note?.startsWith("expected")).map((c) => c.contentsHash),
  );
  const base = new Set(f.baselineHashes.filter((h) => !expected.has(h)));
  const trials = observed.groups.reduce((n, g) => n + g.count, 0);
  const shape = `${now.size} terminal state(s) over ${trials} trial(s)`;
  const missing = [...base].filter((h) => !now.has(h));
  // A finding merged from several variants pins each one's bad outcome; reaching any of them reproduces it.
  if (base.size > 0 && missing.length < base.size) {
    const which =
      missing.length === 0 ? "every pinned bad outcome reappears" : "a pinned bad outcome reappears";
    return { finding: f.id, verdict: "still-reproduces", note: `${shape}; ${which}` };
  }
  if (base.size === 0 && now.size > 1) {
    return {
      finding: f.id,
      verdict: "still-reproduces",
      note: `${shape}; divergence persists (no baseline pinned)`,
    };
  }
  if (now.size === 1) {
    return { finding: f.id, verdict: "no-longer-reproduces", note: `${shape}; the bad outcome is gone` };
  }
  const added = [...now].filter((h) => !base.has(h));
  return {
    finding: f.id,
    verdict: "shifts",
    note: `${shape}; ${missing.length} baseline hash(es) gone, ${added.length} new`,
  };
}

/** Verdicts for every counted finding that the new runs re-exercised (same scenario or variant file). */
export function compareRerun(
  findings: readonly Finding[],
  observed: readonly ScenarioGroups[],
): FindingVerdict[] {
  const byScenario = new Map(observed.map((o) => [o.scenario, o]));
  return findings
    .filter((f) => f.status !== "retracted" && f.status !== "false-positive")
    .flatMap((f) => classifyFinding(f, byScenario.get(scenarioOf(f))) ?? []);
}

/** The dated section a re-run appends (never rewrites) to ANALYSIS.md. */
export function buildRerunSection(opts: {
  date: string;
  whatChanged: string;
  commits?: ReadonlyArray<{ hash: string; subject: string }>;
  metricsBefore?: Partial<RunMetrics>;
  metricsAfter?: Partial<RunMetrics>;
  verdicts: readonly FindingVerdict[];
}): RerunSection {
  const numbers = (m: Partial<RunMetrics> | undefined) =>
    Object.fromEntries(
      Object.entries(m ?? {}).filter((e): e is [string, number] => typeof e[1] === "number"),
    );
  return {
    date: opts.date,
    whatChanged: opts.whatChanged,
    commits: (opts.commits ?? []).map((c) => `${c.hash.slice(0, 12)} ${c.subject}`),
    metricsBefore: numbers(opts.metricsBefore),
    metricsAfter: numbers(opts.metricsAfter),
    verdicts: opts.verdicts.map((v) => ({ finding: v.finding, verdict: v.verdict, note: v.note })),
  };
}
