import { relativeToWorkspace } from "../../../workspace/index.ts";
import { authorAccess, embeddedAccess } from "../../engine-access.ts";
import { authorScenarios } from "../../author/index.ts";
import { mapProject } from "../../map/index.ts";
import type { PhaseStep } from "../context.ts";

/** Phase A+B: the surface map (exact for embedded projects, extracted from Go source for kamera ones). */
export const mapStep: PhaseStep = async (ctx) => {
  const res = await mapProject({ root: ctx.root, project: ctx.project, embedded: embeddedAccess() });
  const m = res.map;
  return {
    summary: [
      `${m.controllers.length} controllers, ${m.multiWrites.length} multi-write reconciles, ${m.vulnerabilityWindows.length} vulnerability windows, ${m.sharedState.length} shared-state items`,
      ...res.errors.map((e) => `contract: ${e.path}: ${e.message}`),
    ],
    outputs: [relativeToWorkspace(ctx.root, res.file)],
  };
};

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
    access: authorAccess(ctx.root, ctx.project),
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
