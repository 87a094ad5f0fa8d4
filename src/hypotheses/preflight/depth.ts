import { coPendingDepths } from "../calibration.ts";
import { targetsOf } from "../perturbations/targets.ts";
import type { ReferenceFacts } from "../reference-facts.ts";
import type { PreflightIssue } from "../types.ts";
import { type Check, effectiveMaxDepth } from "./context.ts";

export const CYCLING_RATIO = 3;

/** Controllers writing most on the second half of the path (where a cycle lives), "A (12 writes), B (3)". */
export function topWriters(facts: ReferenceFacts, limit = 2): string {
  const counts = new Map<string, number>();
  for (const s of facts.steps.slice(Math.floor(facts.steps.length / 2)))
    if (s.writes.length > 0) counts.set(s.controllerId, (counts.get(s.controllerId) ?? 0) + s.writes.length);
  return [...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([c, n]) => `${c} (${n} writes)`)
    .join(", ");
}

/** Pre-flight 4: raise maxDepth only when the reference ran out of depth without cycling. */
export const depthSufficient: Check = (ctx) => {
  const { facts } = ctx;
  if (facts.terminals.maxDepthAborted === 0 || facts.terminals.converged > 0) return [];
  const refDepth = effectiveMaxDepth({ maxDepth: facts.maxDepth });
  const depth = effectiveMaxDepth(ctx.tuning);
  const ratio = facts.cyclingRatio;
  const r = ratio === undefined ? "unknown" : ratio.toFixed(1);
  if (ratio !== undefined && ratio > CYCLING_RATIO)
    return [
      {
        check: "depth-sufficient",
        path: "tuning.maxDepth",
        severity: "warning",
        message: `the reference cycles (total/unique visits ${r} > ${CYCLING_RATIO}): more depth will not help; likely unconditional writes by ${topWriters(facts) || "a controller on the path"} — judge divergence on objects the cycle does not touch, or fire inputs at a fixed depth`,
      },
    ];
  if (depth > refDepth) return [];
  return [
    {
      check: "depth-sufficient",
      path: "tuning.maxDepth",
      message: `all ${facts.terminals.total} reference terminal states aborted at max depth ${refDepth} (cycling ratio ${r} ≤ ${CYCLING_RATIO}): raise tuning.maxDepth, e.g. to ${refDepth * 2}`,
    },
  ];
};

/** A depth band must be well-formed, reachable, and contain a depth where the targets race. */
export const depthBand: Check = (ctx) => {
  const band = ctx.tuning.permuteDepthRange;
  if (!band) return [];
  const path = "tuning.permuteDepthRange";
  const maxDepth = effectiveMaxDepth(ctx.tuning);
  if (band.min > band.max)
    return [{ check: "depth-band", path, message: `min ${band.min} > max ${band.max}; swap them` }];
  if (band.min > maxDepth)
    return [
      {
        check: "depth-band",
        path,
        message: `the band starts at depth ${band.min}, beyond maxDepth ${maxDepth}; lower it or raise maxDepth`,
      },
    ];
  const controllers = targetsOf(ctx.hypothesis).controllers;
  const depths = coPendingDepths(ctx.facts, controllers);
  if (depths.some((d) => d >= band.min && d <= band.max)) return [];
  const issue: PreflightIssue = {
    check: "depth-band",
    path,
    severity: "warning",
    message: `${controllers.join(", ")} are never pending together within depths ${band.min}..${band.max} on the reference path (they are at depths ${depths.join(", ") || "none"})`,
  };
  return [issue];
};
