import type { HuntState } from "../../formats/hunt-state.ts";
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
  ms: number;
  model?: { inputTokens: number; outputTokens: number; costUsd: number };
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
  return {
    project: ctx.project,
    ran: run.ran,
    ...(run.stoppedAt ? { stoppedAt: run.stoppedAt, stopReason: state.phases[run.stoppedAt]?.reason } : {}),
    findings: countBy(findings, (f) => f.status),
    hypotheses: countBy(ctx.store.listHypotheses(ctx.project), (h) => h.status),
    confirmed: findings
      .filter((f) => f.status === "confirmed")
      .map((f) => ({
        id: f.id,
        title: f.title,
        severity: f.severity,
        dimensions: f.dimensions,
        ...(f.hitRate ? { hitRate: `${f.hitRate.k}/${f.hitRate.n}` } : {}),
      })),
    statesExplored: { thisRun: ctx.spent.states, total: state.usage.statesExplored },
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
    `  states explored: ${s.statesExplored.thisRun} this run, ${s.statesExplored.total} in total`,
    `  time: ${(s.ms / 1000).toFixed(1)} s`,
  ];
  if (s.model)
    lines.push(
      `  model: ${s.model.inputTokens} in / ${s.model.outputTokens} out tokens, $${s.model.costUsd.toFixed(4)}`,
    );
  return lines.join("\n");
}
