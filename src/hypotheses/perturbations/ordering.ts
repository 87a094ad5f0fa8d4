import { calibrateAfterEvent, calibrateDepthBand } from "../calibration.ts";
import type { Calibration, PerturbationBuilder, PlanContext } from "../types.ts";
import { targetsOf } from "./targets.ts";

/**
 * "X before Y changes the outcome": permute the named controllers (required for any permutation). One controller
 * is enough when several of its reconciles are pending together (several instances of one controller type race).
 */
function permute(ctx: PlanContext): Calibration {
  const { controllers } = targetsOf(ctx.hypothesis);
  const pair = controllers.length >= 2;
  return {
    // Moving forward a reconcile that would do nothing multiplies the search by the racers' idle entries
    // (tenfold on a scheduler with three Pods) and rarely changes an outcome: skipped, and said so.
    patch: {
      permuteControllers: controllers,
      skipOwnNoOpOrderings: true,
      ...(pair ? { fifoPerController: true } : {}),
    },
    notes: [
      `permuteControllers ${controllers.join(", ")}: the controllers of the claimed race`,
      "skipOwnNoOpOrderings: a reconcile that would do nothing with its own object as it is is not moved forward (heuristic)",
      ...(pair
        ? [
            "fifoPerController: the controllers' queues interleave, each kept in order (its own reorderings are a separate claim)",
          ]
        : []),
    ],
    issues: [],
  };
}

const ORDERING_CHECKS = [
  "controllers-permuted",
  "controllers-registered",
  "controllers-triggered",
  "user-action-fires",
  "depth-sufficient",
] as const;

export const ordering: PerturbationBuilder = {
  dimension: "ordering",
  describe: "X before Y changes the outcome",
  perturbs: true,
  needs: { controllers: 1, kinds: 0 },
  checks: [...ORDERING_CHECKS],
  confirmedBy: ["predicate", "divergence", "error"],
  calibrate: permute,
};

export const orderingAfterEvent: PerturbationBuilder = {
  ...ordering,
  describe: "the race only matters after an event (e.g. a CREATE)",
  checks: [...ORDERING_CHECKS, "event-occurs"],
  calibrate(ctx) {
    const base = permute(ctx);
    const { controllers, kinds, params } = targetsOf(ctx.hypothesis);
    if (params.event)
      return {
        ...base,
        patch: { ...base.patch, permuteAfterEvent: params.event },
        notes: [...base.notes, "permuteAfterEvent from parameters.event"],
      };
    const ev = calibrateAfterEvent(ctx.facts, controllers, kinds);
    if (!ev.ok) return { ...base, issues: [ev.issue] };
    return {
      ...base,
      patch: { ...base.patch, permuteAfterEvent: ev.value },
      notes: [...base.notes, ev.note],
    };
  },
};

export const orderingDepthBand: PerturbationBuilder = {
  ...ordering,
  describe: "the race only matters in a depth band",
  checks: [...ORDERING_CHECKS, "depth-band"],
  calibrate(ctx) {
    const base = permute(ctx);
    const { controllers, params } = targetsOf(ctx.hypothesis);
    if (params.depthRange)
      return {
        ...base,
        patch: { ...base.patch, permuteDepthRange: params.depthRange },
        notes: [...base.notes, "permuteDepthRange from parameters.depthRange"],
      };
    const band = calibrateDepthBand(ctx.facts, controllers);
    if (!band.ok) return { ...base, issues: [band.issue] };
    return {
      ...base,
      patch: { ...base.patch, permuteDepthRange: band.value },
      notes: [...base.notes, band.note],
    };
  },
};
