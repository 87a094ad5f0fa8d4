import type { Check } from "./context.ts";

/**
 * The project's engine must be able to run the hypothesis type at all (a kamera harness may declare what it runs:
 * project.json `perturbations`). Blocking: no tuning fixes it, only a harness that can run it.
 */
export const engineSupports: Check = (ctx) => {
  if (ctx.runnable === undefined || ctx.runnable.includes(ctx.hypothesis.type)) return [];
  return [
    {
      check: "engine-supports",
      path: "type",
      blocking: true,
      message: `the project's harness cannot run ${ctx.hypothesis.type} hypotheses (project.json perturbations: ${ctx.runnable.join(", ") || "none"})`,
    },
  ];
};
