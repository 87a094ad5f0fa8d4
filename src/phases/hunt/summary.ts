import { countedStatus, isCountedBug } from "../../evidence/index.ts";
import type { HuntState } from "../../formats/hunt-state.ts";
import type { Hypothesis } from "../../formats/records.ts";
import type { PhaseName } from "../registry.ts";
import type { HuntContext } from "./context.ts";

export interface HuntSummary {
  project: string;
  ran: PhaseName[];
  stoppedAt?: PhaseName;
  stopReason?: string;
  findings: Record<string, number>;
  hypotheses: Record<string, number>;
  confirmed: Array<{ id: string; title: string; severity: string; dimensions: string[]; hitRate?: string }>;
  statesExplored: { thisRun: number; total: number };
  /** The planner's sweeps: per target, the windows / depths tested, proposed but not tested, skipped by the cap. */
  coverage: SweepCoverage[];
  ms: number;
  model?: { inputTokens: number; outputTokens: number; costUsd: number };
}

export interface SweepCoverage {
  dimension: "staleness" | "user-action-timing";
  scenario: string;
  target: string;
  tested: string[];
  /** Proposed, but the hunt stopped (state budget, interrupt) before testing them. */
  untested: string[];
  /** Proposed and not run because another candidate of the same sweep confirmed it. */
  superseded: string[];
  /** Over the planner's per-target cap: never proposed. */
  skipped: string[];
}

const PLANNER = "planner:";

/** The planner's sweep coverage joined with what the rerun phase tested. */
function sweepCoverage(state: HuntState, hypotheses: readonly Hypothesis[]): SweepCoverage[] {
  const status = new Map(hypotheses.map((h) => [h.source ?? "", h.status]));
  return (state.phases.hypothesize?.coverage ?? []).map((f) => {
    const pick = (test: (c: (typeof f.candidates)[number]) => boolean) =>
      f.candidates.filter(test).map((c) => c.label);
    const tested = (key: string) => {
      const s = status.get(`${PLANNER}${key}`);
      return s !== undefined && s !== "unverified";
    };
    const confirmed = f.candidates.some((c) => status.get(`${PLANNER}${c.key}`) === "confirmed");
    return {
      dimension: f.dimension,
      scenario: f.scenario,
      target: f.target,
      tested: pick((c) => c.proposed && tested(c.key)),
      untested: pick((c) => c.proposed && !tested(c.key) && !confirmed),
      superseded: pick((c) => c.proposed && !tested(c.key) && confirmed),
      skipped: pick((c) => !c.proposed),
    };
  });
}

function countBy<T>(items: readonly T[], key: (t: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const i of items) out[key(i)] = (out[key(i)] ?? 0) + 1;
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
}

export function summarize(
  ctx: HuntContext,
  state: HuntState,
  run: { ms: number; stoppedAt?: PhaseName; ran: PhaseName[] },
): HuntSummary {
  const findings = ctx.store.listFindings(ctx.project);
  const hypotheses = ctx.store.listHypotheses(ctx.project);
  return {
    project: ctx.project,
    ran: run.ran,
    ...(run.stoppedAt ? { stoppedAt: run.stoppedAt, stopReason: state.phases[run.stoppedAt]?.reason } : {}),
    findings: countBy(findings, countedStatus),
    hypotheses: countBy(hypotheses, (h) => h.status),
    confirmed: findings.filter(isCountedBug).map((f) => ({
      id: f.id,
      title: f.title,
      severity: f.severity,
      dimensions: f.dimensions,
      ...(f.hitRate ? { hitRate: `${f.hitRate.k}/${f.hitRate.n}` } : {}),
    })),
    statesExplored: { thisRun: ctx.spent.states, total: state.usage.statesExplored },
    coverage: sweepCoverage(state, hypotheses),
    ms: run.ms,
    ...(state.agent === "anthropic"
      ? {
          model: {
            inputTokens: state.usage.inputTokens,
            outputTokens: state.usage.outputTokens,
            costUsd: state.usage.costUsd,
          },
        }
      : {}),
  };
}

const DIMENSION = { staleness: "stale", "user-action-timing": "timing" } as const;

/** One line per swept target: what was tested, what the hunt did not reach, what the cap skipped. */
function coverageLines(coverage: readonly SweepCoverage[]): string[] {
  if (coverage.length === 0) return [];
  const part = (what: string, labels: string[]) =>
    labels.length === 0
      ? []
      : [`${what} ${labels.slice(0, 6).join(" ")}${labels.length > 6 ? ` … (${labels.length} in all)` : ""}`];
  return [
    "  coverage (planner sweeps):",
    ...coverage.map((c) => {
      const parts = [
        ...part("tested", c.tested),
        ...part("not reached", c.untested),
        ...part("not run (the sweep confirmed)", c.superseded),
        ...part("skipped by the cap", c.skipped),
      ];
      return `    ${DIMENSION[c.dimension]} ${c.target}: ${parts.join("; ")}`;
    }),
  ];
}

/** The one-screen text form of the summary. */
export function formatHuntSummary(s: HuntSummary): string {
  const kv = (r: Record<string, number>) =>
    Object.entries(r)
      .map(([k, v]) => `${v} ${k}`)
      .join(", ") || "none";
  const lines = [
    `hunt ${s.project}: ${s.stoppedAt ? `stopped in ${s.stoppedAt} (${s.stopReason ?? "?"})` : "complete"}`,
    `  findings:   ${kv(s.findings)}`,
    `  hypotheses: ${kv(s.hypotheses)}`,
    ...s.confirmed.map(
      (f) =>
        `    ${f.id} [${f.severity}] ${f.dimensions.join("+")}${f.hitRate ? ` hit ${f.hitRate}` : ""}: ${f.title}`,
    ),
    ...coverageLines(s.coverage),
    `  states explored: ${s.statesExplored.thisRun} this run, ${s.statesExplored.total} in total`,
    `  time: ${(s.ms / 1000).toFixed(1)} s`,
  ];
  if (s.model)
    lines.push(
      `  model: ${s.model.inputTokens} in / ${s.model.outputTokens} out tokens, $${s.model.costUsd.toFixed(4)}`,
    );
  return lines.join("\n");
}
