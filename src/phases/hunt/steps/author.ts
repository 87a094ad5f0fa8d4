import { authorScenarios } from "../../author/index.ts";
import { authorAccess } from "../../engine-access.ts";
import { limits, type PhaseStep } from "../context.ts";

/**
 * Phase C: baselines for user-facing kinds that have none. Perturbed designs are not written as scenario files
 * in a hunt: the planner turns the same patterns, observed in the reference traces, into hypotheses whose
 * variants are written beside the base (the base is never edited).
 */
export const authorStep: PhaseStep = async (ctx) => {
  const res = await authorScenarios({
    root: ctx.root,
    project: ctx.project,
    dimensions: ["baseline"],
    access: authorAccess(ctx.root, ctx.project, limits(ctx)),
  });
  return {
    summary: [
      `${res.written.length} baseline scenario file(s) written`,
      ...res.written.map((w) => `${w.file}: ${w.annotation.pattern}`),
      ...res.skipped.map((s) => `skipped ${s.dimension} ${s.target}: ${s.reason}`),
    ],
    outputs: res.written.map((w) => w.file),
  };
};
