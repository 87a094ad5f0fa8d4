import { actionsOf } from "../../formats/workflow.ts";
import { calibrateReadyDepth } from "../calibration.ts";
import type { PerturbationBuilder } from "../types.ts";
import { targetsOf } from "./targets.ts";

/** "A user action lands at the wrong moment": fire it at a chosen depth instead of at quiescence (engine §4.6). */
export const userActionTiming: PerturbationBuilder = {
  dimension: "user-action-timing",
  describe: "a user action lands at the wrong moment",
  perturbs: true,
  needs: { controllers: 1, kinds: 0 },
  checks: ["controllers-registered", "controllers-triggered", "user-action-fires", "depth-sufficient"],
  confirmedBy: ["predicate", "divergence", "error"],
  calibrate(ctx) {
    const { controllers, kinds, params } = targetsOf(ctx.hypothesis);
    const actions = actionsOf(ctx.scenario);
    const where = "tuning.userActionReadyDepths";
    const index = params.actionIndex ?? actions.findIndex((a) => a.opType !== "CREATE");
    const action = actions[index];
    if (!action) {
      const why =
        actions.length === 0 ? "the scenario has no external inputs" : "every external input is a CREATE";
      return {
        patch: {},
        notes: [],
        issues: [
          {
            check: "user-action-fires",
            path: where,
            blocking: true,
            message: `${why}; ready depths do not stagger CREATE inputs (they are pre-seeded): seed the object in environmentState and add an UPDATE input for the change (seed + UPDATE), then plan again`,
          },
        ],
      };
    }
    const notes = [
      `action #${index} (${action.opType} ${action.object.kind} ${action.object.metadata?.name ?? ""})`,
    ];
    let depth = params.readyDepth;
    if (depth === undefined) {
      const d = calibrateReadyDepth(ctx.facts, controllers, kinds);
      if (!d.ok) return { patch: {}, notes, issues: [d.issue] };
      depth = d.value;
      notes.push(d.note);
    } else notes.push(`ready depth ${depth} from parameters`);
    return { patch: { userActionReadyDepths: { [String(index)]: depth } }, notes, issues: [] };
  },
};
