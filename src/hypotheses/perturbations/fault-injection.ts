import { calibrateCrash } from "../calibration.ts";
import type { PerturbationBuilder } from "../types.ts";
import { targetsOf } from "./targets.ts";

/** "A crash between two writes leaves a half-done state": crash after the Nth write (engine §5.5). */
export const faultInjection: PerturbationBuilder = {
  dimension: "fault-injection",
  describe: "a crash between writes leaves a state the restarted manager does not repair",
  perturbs: true,
  needs: { controllers: 1, kinds: 0 },
  checks: [
    "controllers-registered",
    "controllers-triggered",
    "crash-window",
    "user-action-fires",
    "depth-sufficient",
  ],
  confirmedBy: ["predicate", "divergence", "error"],
  calibrate(ctx) {
    const { controllers, params } = targetsOf(ctx.hypothesis);
    const reconciler = controllers[0] as string;
    const notes: string[] = [];
    let n = params.crashAfterEffect;
    if (n === undefined) {
      const c = calibrateCrash(ctx.facts, reconciler);
      if (!c.ok) return { patch: {}, notes, issues: [c.issue] };
      n = c.value;
      notes.push(c.note);
    } else notes.push(`crashAfterEffect ${n} from parameters`);
    const triggerOnce = params.triggerOnce ?? true;
    // A crash is a crash of the controller manager: the judge needs the state after the restart, so the variant asks
    // for one (a ctrlhunt extension; kamera harnesses cannot model it, and their crash outcomes stay observations).
    const restart = ctx.engine === "kamera" ? {} : { restartManager: "quiescence" as const };
    if (ctx.engine !== "kamera")
      notes.push("restartManager quiescence: the manager restarts once nothing else is ready");
    return {
      patch: { faultInjection: [{ reconciler, crashAfterEffect: n, triggerOnce, ...restart }] },
      notes,
      issues: [],
    };
  },
};
