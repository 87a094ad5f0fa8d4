import { describe, expect, it } from "vitest";
import { allTerminals, explore, histogram } from "./harness.ts";
import { PLANS } from "./perturbations.ts";

/**
 * Exhaustive ordering DFS (every controller permuted, default optimisations) on each base scenario: the numbers
 * the targeted perturbations are compared with. Slow (karpenter-lite ≈ 70k states): excluded from `npm test`;
 * run with `npm run test:projects`.
 */
const EXPECTED_TERMINALS: Record<string, number> = {
  "kro-lite": 1, // the planted bug needs a crash: ordering alone is clean
  "kro-lite-fixed": 1,
  "karpenter-lite": 3, // 1, 2 or 3 NodeClaims under limits.nodes = 1
  "karpenter-lite-fixed": 1,
  "crossplane-lite": 1, // needs staleness or user-action timing
  "kratix-lite": 4, // Ready from whichever placement wrote last
  "kratix-lite-fixed": 1,
};

describe("exhaustive ordering search per target", () => {
  for (const plan of PLANS) {
    for (const project of [plan.project, plan.fixed].filter((p): p is string => p !== undefined)) {
      it(`${project}: ${EXPECTED_TERMINALS[project]} terminal state(s), all converged`, {
        timeout: 180_000,
      }, async () => {
        const outs = await explore(project, plan.scenario, {
          tuning: { permuteControllers: plan.controllers },
        });
        const ts = allTerminals(outs);
        expect(ts.every((t) => t.error === undefined)).toBe(true);
        expect(histogram(ts).size).toBe(EXPECTED_TERMINALS[project]);
      });
    }
  }
});
