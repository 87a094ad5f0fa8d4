import { formatIssue } from "../errors/index.ts";
import type { Citation } from "../formats/citation.ts";
import type { Hypothesis } from "../formats/records.ts";
import { describePredicate } from "./judge/index.ts";
import type { PlanReport } from "./plan-workspace.ts";
import type { RunReport } from "./run-workspace.ts";

/** Text renderings for the CLI (pure: strings in, strings out). */

const cite = (c: Citation) =>
  `  ${c.dump} state ${c.stateId} path ${c.pathIndex} step ${c.stepIndex} (${c.controllerId || "terminal"}) hash ${c.contentsHash}${c.note ? ` — ${c.note}` : ""}`;

export function formatHypothesisList(hs: readonly Hypothesis[]): string {
  if (hs.length === 0) return "no hypotheses\n";
  const rows = hs.map((h) => [h.id, h.status, h.type, h.claim.replace(/\s+/g, " ")]);
  const w = [0, 1, 2].map((i) =>
    Math.max(...rows.map((r) => (r[i] as string).length), ["ID", "STATUS", "TYPE"][i]?.length ?? 0),
  );
  const line = (r: string[]) => r.map((c, i) => (i < 3 ? c.padEnd(w[i] as number) : c)).join("  ");
  return `${[line(["ID", "STATUS", "TYPE", "CLAIM"]), ...rows.map(line)].join("\n")}\n`;
}

export function formatHypothesis(h: Hypothesis): string {
  const t = h.targets;
  const lines = [
    `${h.id} [${h.status}] ${h.type}: ${h.claim}`,
    `  targets: controllers ${t.controllers.join(", ") || "-"}; kinds ${t.kinds.join(", ") || "-"}`,
    `  scenario: ${h.scenario ?? "-"}${h.scenarioName ? ` (${h.scenarioName})` : ""}`,
  ];
  if (h.parameters && Object.keys(h.parameters).length)
    lines.push(`  parameters: ${JSON.stringify(h.parameters)}`);
  for (const p of h.predicates ?? []) lines.push(`  predicate: ${describePredicate(p)}`);
  if (h.variants.length) lines.push(`  variants: ${h.variants.join(", ")}`);
  if (h.runs.length) lines.push(`  runs: ${h.runs.join(", ")}`);
  if (h.reason) lines.push(`  reason: ${h.reason}`);
  if (h.finding) lines.push(`  finding: ${h.finding}`);
  if (h.citations.length) lines.push("  citations:", ...h.citations.map(cite));
  return `${lines.join("\n")}\n`;
}

export function formatPlanReport(r: PlanReport): string {
  const { plan } = r;
  const lines = [
    `${r.hypothesis.id} (${r.hypothesis.type}, ${plan.dimension}): calibrated from reference run ${r.reference.runId}${r.reference.ranNow ? " (run now)" : ""}, ${r.reference.dump}`,
    ...plan.notes.map((n) => `  - ${n}`),
  ];
  const errors = plan.issues.filter((i) => i.severity !== "warning");
  const warnings = plan.issues.filter((i) => i.severity === "warning");
  if (errors.length === 0)
    lines.push(`preflight: passed${warnings.length ? ` with ${warnings.length} warning(s)` : ""}`);
  else
    lines.push(
      `preflight: FAILED (${errors.length} problem(s))${plan.blocked ? " — blocked: a code or scenario change is needed first" : ""}`,
    );
  for (const i of plan.issues) lines.push(`  ${formatIssue(i)}`);
  if (r.variant)
    lines.push(
      `variant: ${r.variant}${r.reused ? " (unchanged, reused)" : ""}`,
      `tuning: ${JSON.stringify(plan.tuning)}`,
    );
  else if (!plan.perturbs && plan.ok)
    lines.push("no variant: nothing to perturb; `hypothesis run` explores the base scenario");
  return `${lines.join("\n")}\n`;
}

export function formatRunReport(r: RunReport): string {
  const { judgement: j, runs } = r;
  const lines = [
    `${r.hypothesis.id}: ${j.status.toUpperCase()}${j.evidence ? ` by ${j.evidence}` : ""}${j.hitRate ? ` (hit rate ${j.hitRate.k}/${j.hitRate.n})` : ""}`,
    `  explored ${r.explored}: run ${runs.exploration.runId} (exploration${runs.variantReference ? `; reference ${runs.variantReference.runId}` : ""}); baseline ${runs.baseline.runId}`,
    `  ${j.reason}`,
  ];
  if (j.citations.length) lines.push("citations:", ...j.citations.map(cite));
  if (r.finding) lines.push(`finding ${r.finding.id} (${r.finding.severity}, confirmed) recorded`);
  return `${lines.join("\n")}\n`;
}
