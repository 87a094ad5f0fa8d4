import type { EvidenceKind } from "../types.ts";
import { findCyclingEvidence } from "./cycling.ts";
import { findDivergenceEvidence } from "./divergence.ts";
import { findErrorEvidence } from "./errors.ts";
import { findPredicateEvidence } from "./predicates.ts";
import { convergedGroups, outcomeCounts, visitRatio } from "./terminal.ts";
import type { EvidenceFinder, JudgeInput, Judgement } from "./types.ts";

/** Where each kind of confirming evidence is looked for. */
export const EVIDENCE_FINDERS: Record<EvidenceKind, EvidenceFinder> = {
  divergence: findDivergenceEvidence,
  error: findErrorEvidence,
  predicate: findPredicateEvidence,
  cycling: findCyclingEvidence,
};

const ratioText = (r: number | undefined) => (r === undefined ? "" : `, total/unique visits ${r.toFixed(1)}`);

/**
 * Phase J step 5 from evidence only: confirmed with a cited divergence, error, violated predicate or cycle;
 * refuted when every explored terminal state converged to the reference's outcome (cited); otherwise
 * inconclusive, saying what stood in the way. Citations are checked against the dumps by the caller.
 */
export function judgeOutcome(input: JudgeInput): Judgement {
  for (const kind of input.confirmedBy) {
    const ev = EVIDENCE_FINDERS[kind](input);
    if (ev)
      return {
        status: "confirmed",
        evidence: kind,
        citations: ev.citations,
        reason: ev.reason,
        hitRate: ev.hitRate,
      };
  }
  const c = outcomeCounts(input.exploration);
  const ratio = visitRatio(input.exploration);
  const inconclusive = (reason: string): Judgement => ({ status: "inconclusive", citations: [], reason });
  if (input.run.status === "failed") return inconclusive(`the run failed: ${input.run.error ?? "no dumps"}`);
  if (c.total === 0)
    return inconclusive("the run produced no terminal states (stopped before any branch ended)");
  if (c.converged === 0)
    return inconclusive(
      `all ${c.total} terminal states aborted (${c.maxDepth} at max depth${ratioText(ratio)}): nothing converged to compare; ${
        ratio !== undefined && ratio > 3 ? "the system cycles, more depth will not help" : "raise maxDepth"
      }`,
    );
  if (c.maxDepth > 0)
    return inconclusive(
      `${c.maxDepth} of ${c.total} terminal states aborted at max depth${ratioText(ratio)}: raise maxDepth to tell a cycle from a long path`,
    );
  if (input.run.status === "partial")
    return inconclusive(
      `the run stopped early (${input.run.error ?? "timeout"}) after ${c.total} terminal states, all matching the reference; a complete run may still diverge`,
    );
  const groups = convergedGroups(input.exploration);
  const citations = groups.groups.map((g) => ({
    ...g.representative,
    note: `expected behaviour: terminal group ${g.key}`,
  }));
  return {
    status: "refuted",
    citations,
    hitRate: { k: 0, n: c.total },
    reason: `all ${c.total} terminal states (${groups.paths} paths) converged to the reference outcome (${groups.groups
      .map((g) => g.key)
      .join(", ")}); no ${input.confirmedBy.join(", no ")} evidence`,
  };
}

export { describePredicate, holds } from "./predicates.ts";
export { convergedGroups, outcomeCounts, visitRatio } from "./terminal.ts";
export type { Evidence, EvidenceFinder, JudgeInput, Judgement, LoadedDump } from "./types.ts";
