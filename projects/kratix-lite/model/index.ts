import { defineProject, type ProjectDefinition } from "ctrlhunt";
import type { KratixVariant } from "./kinds.ts";
import { placementController } from "./placement-controller.ts";
import { workController } from "./work-controller.ts";

export * from "./kinds.ts";

/** The kratix-lite system: Work scheduling and WorkPlacement delivery to destinations. */
export function kratixLite(variant: KratixVariant): ProjectDefinition {
  return defineProject({
    name: variant === "buggy" ? "kratix-lite" : "kratix-lite-fixed",
    description:
      variant === "buggy"
        ? "every WorkPlacement writes its own outcome to the parent Work's Ready condition (Kratix K5)"
        : "kratix-lite with the fix: the Work controller is the single writer of Ready, aggregated over placements",
    upstream: "github.com/syntasso/kratix (model of Work/WorkPlacement controllers, K5 pattern)",
    controllers: [workController(variant), placementController(variant)],
  });
}
