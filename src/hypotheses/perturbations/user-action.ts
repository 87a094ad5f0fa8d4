import { actionsOf } from "../../formats/workflow.ts";
import { calibrateReadyDepth } from "../calibration.ts";
import { sweepActionDepths, timedInputs } from "../sweep-actions.ts";
import type { Calibration, PlanContext } from "../types.ts";
import type { PerturbationBuilder } from "../types.ts";
import { targetsOf } from "./targets.ts";

const where = "tuning.userActionReadyDepths";

/** The input to time: as asked, else the first timed input whose sweep has a depth, else the first timed one. */
function chooseInput(ctx: PlanContext, asked: number | undefined): number | undefined {
  if (asked !== undefined) return asked;
  const timed = timedInputs(ctx.scenario);
  return timed.find((i) => sweepActionDepths(ctx.facts, ctx.scenario, i).depths.length > 0) ?? timed[0];
}

function noInput(ctx: PlanContext): Calibration {
  const actions = actionsOf(ctx.scenario);
  const why =
    actions.length === 0
      ? "the scenario has no external inputs"
      : "its only input is the CREATE that starts the run";
  return {
    patch: {},
    notes: [],
    issues: [
      {
        check: "user-action-fires",
        path: where,
        blocking: true,
        message: `${why}: there is no later input to fire while controllers still react to an earlier one; seed the object in environmentState and add an UPDATE or DELETE input for the change (seed + UPDATE), then plan again`,
      },
    ],
  };
}

/**
 * "A user action lands at the wrong moment": fire it at a chosen depth instead of at quiescence (engine §4.6).
 * The depth comes from the timing sweep (sweep-actions.ts): the most distinct depth between the previous input
 * and this one; the notes list the rest so a caller can pick another as `readyDepth`.
 */
export const userActionTiming: PerturbationBuilder = {
  dimension: "user-action-timing",
  describe: "a user action lands at the wrong moment",
  perturbs: true,
  needs: { controllers: 1, kinds: 0 },
  checks: ["controllers-registered", "controllers-triggered", "user-action-fires", "depth-sufficient"],
  confirmedBy: ["predicate", "divergence", "error"],
  calibrate(ctx) {
    const { controllers, kinds, params } = targetsOf(ctx.hypothesis);
    const index = chooseInput(ctx, params.actionIndex);
    const action = index === undefined ? undefined : actionsOf(ctx.scenario)[index];
    if (index === undefined || !action) return noInput(ctx);
    const notes = [
      `action #${index} (${action.opType} ${action.object.kind} ${action.object.metadata?.name ?? ""})`,
    ];
    let depth = params.readyDepth;
    const sweep = sweepActionDepths(ctx.facts, ctx.scenario, index);
    if (depth !== undefined) notes.push(`ready depth ${depth} from parameters`);
    else {
      const [best, ...rest] = sweep.depths;
      if (best) {
        depth = best.depth;
        const more = rest.length ? `; other depths of the sweep: ${rest.map((d) => d.depth).join(", ")}` : "";
        notes.push(`${best.note}${more}`);
      } else {
        const d = calibrateReadyDepth(ctx.facts, controllers, kinds);
        if (!d.ok) return { patch: {}, notes, issues: [d.issue] };
        depth = d.value;
        notes.push(`${d.note} (${sweep.reason ?? "the sweep has no depth"})`);
      }
    }
    // Fired early, the input's controllers are pending together with those still reacting: let them race, or the
    // search keeps queue order and tries one interleaving of the two reactions.
    const racing = sweep.depths.find((d) => d.depth === depth)?.racing ?? controllers;
    const permute = [...new Set([...racing, ...sweep.triggered])].sort();
    // Each controller's queue stays in order (controller-runtime's work queue): the race is between the
    // controllers' queues, not among one controller's own entries, which would multiply the orders on wide systems.
    // As on ordering variants, a reconcile known to do nothing with its own object is not moved forward.
    if (permute.length > 1)
      notes.push(
        `permuteControllers ${permute.join(", ")}: the input's reaction races the one still running`,
        "fifoPerController: the controllers' queues interleave, each kept in order",
        "skipOwnNoOpOrderings: a reconcile that would do nothing with its own object as it is is not moved forward (heuristic)",
      );
    return {
      patch: {
        userActionReadyDepths: { [String(index)]: depth },
        ...(permute.length > 1
          ? { permuteControllers: permute, fifoPerController: true, skipOwnNoOpOrderings: true }
          : {}),
      },
      notes,
      issues: [],
    };
  },
};
