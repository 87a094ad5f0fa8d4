import type { Dimension } from "../formats/records.ts";
import type { Tuning } from "../formats/workflow.ts";
import { PERTURBATIONS, targetsOf } from "./perturbations/index.ts";
import {
  CYCLING_RATIO,
  checkTargets,
  engineSupports,
  effectiveMaxDepth,
  preflightBlocked,
  preflightFailed,
  runPreflight,
} from "./preflight/index.ts";
import { mergeTuning } from "./tuning-patch.ts";
import type { PlanContext, PreflightIssue, TuningPatch } from "./types.ts";

/** The result of planning one hypothesis: the variant's tuning, how it was calibrated, and the preflight verdict. */
export interface Plan {
  dimension: Dimension;
  /** False: nothing to perturb, the base scenario is explored as written (no variant file). */
  perturbs: boolean;
  patch: TuningPatch;
  tuning: Tuning;
  notes: string[];
  issues: PreflightIssue[];
  /** No preflight errors (warnings allowed). */
  ok: boolean;
  /** A code or scenario change is needed before tuning can test this hypothesis. */
  blocked: boolean;
}

/** Depth for the variant: as asked, or doubled when the reference ran out of depth without cycling (Phase E). */
function depthPatch(ctx: PlanContext): { patch: TuningPatch; notes: string[] } {
  const asked = targetsOf(ctx.hypothesis).params.maxDepth;
  if (asked !== undefined)
    return { patch: { maxDepth: asked }, notes: [`maxDepth ${asked} from parameters`] };
  const t = ctx.facts.terminals;
  const ratio = ctx.facts.cyclingRatio;
  if (t.converged > 0 || t.maxDepthAborted === 0 || (ratio !== undefined && ratio > CYCLING_RATIO))
    return { patch: {}, notes: [] };
  const from = effectiveMaxDepth({ maxDepth: ctx.facts.maxDepth });
  return {
    patch: { maxDepth: from * 2 },
    notes: [
      `maxDepth ${from} → ${from * 2}: the reference aborted at max depth without cycling (ratio ${ratio?.toFixed(1) ?? "?"})`,
    ],
  };
}

/** Classify → calibrate → merge into the base tuning → preflight. Pure: the I/O edge assembles the context. */
export function planHypothesis(ctx: PlanContext): Plan {
  const row = PERTURBATIONS[ctx.hypothesis.type];
  const base = ctx.scenario.tuning ?? {};
  const done = (patch: TuningPatch, notes: string[], issues: PreflightIssue[]): Plan => ({
    dimension: row.dimension,
    perturbs: row.perturbs,
    patch,
    tuning: mergeTuning(base, patch),
    notes,
    issues,
    ok: !preflightFailed(issues),
    blocked: preflightBlocked(issues),
  });
  const engineIssues = engineSupports({ ...ctx, tuning: base });
  if (engineIssues.length > 0) return done({}, [], engineIssues);
  const targetIssues = checkTargets({ ...ctx, tuning: base });
  if (targetIssues.length > 0) return done({}, [], targetIssues);
  const cal = row.calibrate(ctx);
  if (cal.issues.length > 0) return done(cal.patch, cal.notes, cal.issues);
  const depth = row.perturbs ? depthPatch(ctx) : { patch: {}, notes: [] };
  const patch = { ...cal.patch, ...depth.patch };
  const tuning = mergeTuning(base, patch);
  return done(patch, [...cal.notes, ...depth.notes], runPreflight({ ...ctx, tuning }));
}
