import type { PerturbationBuilder } from "../types.ts";
import { targetsOf } from "./targets.ts";

export const DEFAULT_TRIALS = 20;

/** "Non-determinism not sampled enough": random single-path trials with a fixed seed (engine §4.5). */
export const monteCarlo: PerturbationBuilder = {
  dimension: "monte-carlo",
  describe: "non-determinism not sampled enough",
  perturbs: true,
  needs: { controllers: 0, kinds: 0 },
  checks: ["controllers-registered", "user-action-fires", "depth-sufficient"],
  confirmedBy: ["predicate", "divergence", "error"],
  calibrate(ctx) {
    const { params } = targetsOf(ctx.hypothesis);
    const seed = params.seed ?? 1;
    const trials = params.trials ?? DEFAULT_TRIALS;
    return {
      patch: { search: { mode: "monte_carlo", monteCarlo: { seed, trials } } },
      notes: [`monte carlo: ${trials} trials, seed ${seed}`],
      issues: [],
    };
  },
};
