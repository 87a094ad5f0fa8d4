import { describe, expect, it } from "vitest";
import { writeDumpJson } from "../../src/engine/index.ts";
import { explore } from "./harness.ts";
import { PLANS, referenceDump } from "./perturbations.ts";

/** Controllers in the bundled targets keep no wall clock, randomness or module state: reruns are byte-identical. */
describe("bundled targets are deterministic", () => {
  it.each(PLANS)("$project: the exposing perturbation gives byte-identical dumps twice", async (plan) => {
    const ref = await referenceDump(plan);
    for (const p of plan.perturbations) {
      const once = await explore(plan.project, plan.scenario, { tuning: p.tuning(ref) });
      const twice = await explore(plan.project, plan.scenario, { tuning: p.tuning(ref) });
      expect(twice.map((o) => writeDumpJson(o.dump))).toEqual(once.map((o) => writeDumpJson(o.dump)));
    }
  });
});
