import { PERTURBATIONS, targetsOf } from "../perturbations/index.ts";
import type { PreflightCheckId, PreflightIssue } from "../types.ts";
import type { Check, CheckContext } from "./context.ts";
import { controllersPermuted, controllersRegistered, controllersTriggered } from "./controllers.ts";
import { depthBand, depthSufficient } from "./depth.ts";
import { engineSupports } from "./engine.ts";
import { crashWindow, eventOccurs } from "./events.ts";
import { stalenessWindow } from "./staleness.ts";
import { userActionFires } from "./user-action.ts";

/** The targets a type needs must be named before anything can be calibrated. */
export const checkTargets: Check = (ctx) => {
  const row = PERTURBATIONS[ctx.hypothesis.type];
  const t = targetsOf(ctx.hypothesis);
  return (["controllers", "kinds"] as const)
    .filter((field) => t[field].length < row.needs[field])
    .map((field) => ({
      check: "targets",
      path: `targets.${field}`,
      message: `a ${ctx.hypothesis.type} hypothesis ("${row.describe}") needs ${row.needs[field]} target ${field}, got ${t[field].length}; add them with --${field}`,
    }));
};

export const CHECKS: Record<PreflightCheckId, Check> = {
  targets: checkTargets,
  "controllers-permuted": controllersPermuted,
  "controllers-registered": controllersRegistered,
  "controllers-triggered": controllersTriggered,
  "user-action-fires": userActionFires,
  "staleness-window": stalenessWindow,
  "depth-sufficient": depthSufficient,
  "crash-window": crashWindow,
  "event-occurs": eventOccurs,
  "depth-band": depthBand,
  "engine-supports": engineSupports,
};

/** Run the checks the hypothesis type declares, plus any explicitly asked for (e.g. every check on a hand-written variant). */
export function runPreflight(ctx: CheckContext, extra: readonly PreflightCheckId[] = []): PreflightIssue[] {
  const ids = new Set<PreflightCheckId>([
    "engine-supports",
    "targets",
    ...PERTURBATIONS[ctx.hypothesis.type].checks,
    ...extra,
  ]);
  return [...ids].flatMap((id) => CHECKS[id](ctx));
}

export const preflightFailed = (issues: readonly PreflightIssue[]): boolean =>
  issues.some((i) => i.severity !== "warning");
export const preflightBlocked = (issues: readonly PreflightIssue[]): boolean =>
  issues.some((i) => i.blocking);

export { type Check, type CheckContext, DEFAULT_MAX_DEPTH, effectiveMaxDepth } from "./context.ts";
export { controllersPermuted, controllersRegistered, controllersTriggered } from "./controllers.ts";
export { CYCLING_RATIO, depthBand, depthSufficient, topWriters } from "./depth.ts";
export { engineSupports } from "./engine.ts";
export { crashWindow, eventOccurs } from "./events.ts";
export { stalenessWindow } from "./staleness.ts";
export { userActionFires } from "./user-action.ts";
