import { relativeToWorkspace } from "../../../workspace/index.ts";
import { embeddedAccess } from "../../engine-access.ts";
import { mapProject } from "../../map/index.ts";
import { limits, type PhaseStep } from "../context.ts";

/** Phase A+B: the surface map (exact for embedded projects, extracted from Go source for kamera ones). */
export const mapStep: PhaseStep = async (ctx) => {
  const res = await mapProject({
    root: ctx.root,
    project: ctx.project,
    embedded: embeddedAccess(limits(ctx)),
  });
  const m = res.map;
  return {
    summary: [
      `${m.controllers.length} controllers, ${m.multiWrites.length} multi-write reconciles, ${m.vulnerabilityWindows.length} vulnerability windows, ${m.sharedState.length} shared-state items`,
      ...res.errors.map((e) => `contract: ${e.path}: ${e.message}`),
    ],
    outputs: [relativeToWorkspace(ctx.root, res.file)],
  };
};
