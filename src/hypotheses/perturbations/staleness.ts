import { calibrateStalenessWindow } from "../calibration.ts";
import type { PerturbationBuilder } from "../types.ts";
import { targetsOf } from "./targets.ts";

/** "C sees stale K during window [A, B)": a deterministic staleness interval (engine §5.2). */
export const staleness: PerturbationBuilder = {
  dimension: "staleness",
  describe: "C sees stale K during a window",
  perturbs: true,
  needs: { controllers: 1, kinds: 1 },
  checks: [
    "controllers-registered",
    "controllers-triggered",
    "staleness-window",
    "user-action-fires",
    "depth-sufficient",
  ],
  confirmedBy: ["predicate", "divergence", "error"],
  calibrate(ctx) {
    const { controllers, kinds, params } = targetsOf(ctx.hypothesis);
    const reconciler = controllers[0] as string;
    const kind = kinds[0] as string;
    const notes: string[] = [];
    let staleAt = params.staleAt;
    let catchUpAt = params.catchUpAt;
    let deactivateAtDepth = params.deactivateAtDepth;
    if (staleAt === undefined || catchUpAt === undefined) {
      const w = calibrateStalenessWindow(ctx.facts, reconciler, kind);
      if (!w.ok) return { patch: {}, notes, issues: [w.issue] };
      staleAt ??= w.value.staleAt;
      catchUpAt ??= w.value.catchUpAt;
      deactivateAtDepth ??= w.value.deactivateAtDepth;
      notes.push(w.note);
    } else
      notes.push(
        `window [${staleAt}, ${catchUpAt}) from parameters${deactivateAtDepth !== undefined ? `, catching up at depth ${deactivateAtDepth}` : ""}`,
      );
    const gate = deactivateAtDepth !== undefined ? { deactivateAtDepth } : {};
    const lag = params.lag ?? -1;
    // Branching comes from ordering only (engine §5.2): let the stale reader race the writers it names.
    const permute = controllers.length > 1 ? { permuteControllers: controllers } : {};
    if (controllers.length > 1)
      notes.push(`permuteControllers ${controllers.join(", ")}: orderings around the stale read`);
    return {
      patch: { ...permute, stalenessIntervals: [{ reconciler, kind, staleAt, catchUpAt, lag, ...gate }] },
      notes,
      issues: [],
    };
  },
};
