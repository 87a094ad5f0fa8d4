import type { PerturbationBuilder } from "../types.ts";

/** "C writes on every reconcile": no perturbation; the base scenario's own run is checked for cycling writes. */
export const unconditionalWrite: PerturbationBuilder = {
  dimension: "pure-logic",
  describe: "a controller writes unconditionally and the system cycles",
  perturbs: false,
  needs: { controllers: 1, kinds: 0 },
  checks: ["controllers-registered", "controllers-triggered"],
  confirmedBy: ["cycling", "predicate"],
  calibrate: () => ({
    patch: {},
    notes: ["no perturbation: judged from the metrics and writes of the base scenario's run"],
    issues: [],
  }),
};
