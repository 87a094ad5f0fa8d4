import type { Finding, Hypothesis } from "../../../formats/records.ts";
import { type Judgement, PERTURBATIONS, type RunReport } from "../../../hypotheses/index.ts";
import type { HuntContext } from "../context.ts";

const MAX_CITATIONS = 6;

/** Terminal hashes a judgement cites as wrong outcomes (divergent, or violating an invariant; not the reference's). */
function divergentHashes(j: Judgement): string[] {
  return j.citations
    .filter((c) => c.note?.startsWith("divergent") || c.note?.startsWith("invariant violated"))
    .map((c) => c.contentsHash);
}

/**
 * The confirmed finding this confirmation belongs to, if any: on the same base scenario, either the same divergent
 * terminal outcome (one bug seen through several races or crash points), or the same dimension and targets.
 */
function sameInvariant(f: Finding, j: Judgement): boolean {
  if (f.symptom?.kind !== "invariant" || j.symptom?.kind !== "invariant") return false;
  const mine = new Set(j.symptom.invariants);
  return f.symptom.invariants.some((i) => mine.has(i));
}

export function sameMechanism(ctx: HuntContext, h: Hypothesis, j: Judgement): string | undefined {
  const dim = PERTURBATIONS[h.type].dimension;
  const outcome = divergentHashes(j);
  const targets = (x: Hypothesis) => [...x.targets.controllers].sort().join("+");
  return ctx.store
    .listFindings(ctx.project)
    .filter((f) => f.status === "confirmed" && f.scenario === h.scenario)
    .find((f) => {
      if (outcome.some((x) => f.baselineHashes.includes(x))) return true;
      // The same declared rule broken in the same scenario is one bug seen through several races.
      if (sameInvariant(f, j)) return true;
      if (!f.dimensions.includes(dim) || !f.hypothesis) return false;
      const origin = ctx.store.listHypotheses(ctx.project).find((x) => x.id === f.hypothesis);
      return origin !== undefined && targets(origin) === targets(h);
    })?.id;
}

/**
 * A refuted hypothesis is a negative result: recorded as a `negative` finding with the cited expected behaviour
 * ("why not a bug"), one per scenario and dimension so a clean control reads as one clear result.
 */
export function recordNegative(ctx: HuntContext, report: RunReport): Finding {
  const h = report.hypothesis;
  const dim = PERTURBATIONS[h.type].dimension;
  const existing = ctx.store
    .listFindings(ctx.project)
    .find((f) => f.status === "negative" && f.scenario === h.scenario && f.dimensions.includes(dim));
  const why = `${h.id} (${h.claim}) refuted: ${report.judgement.reason}`;
  if (existing)
    return ctx.store.updateFinding(ctx.project, existing.id, (f) => ({
      ...f,
      citations: [...f.citations, ...report.judgement.citations].slice(0, MAX_CITATIONS),
      runs: [...new Set([...f.runs, report.runs.exploration.runId])],
      whyNotABug: `${f.whyNotABug ?? ""}\n${why}`.trim(),
      hitRate: {
        k: 0,
        n: (f.hitRate?.n ?? 0) + (report.judgement.hitRate?.n ?? 1),
      },
    }));
  return ctx.store.addFinding(ctx.project, {
    title: `No ${dim} bug in ${h.scenario ?? "the scenario"}`,
    severity: "P3",
    status: "negative",
    dimensions: [dim],
    hitRate: { k: 0, n: report.judgement.hitRate?.n ?? 1 },
    citations: report.judgement.citations.slice(0, MAX_CITATIONS),
    scenario: h.scenario ?? report.explored,
    variant: report.explored,
    hypothesis: h.id,
    summary: `Every explored ${dim} perturbation converged to the reference outcome.`,
    whyNotABug: why,
    reproduction: `ctrlhunt hypothesis run ${h.id} --project ${ctx.project}`,
    runs: [report.runs.exploration.runId],
  });
}
