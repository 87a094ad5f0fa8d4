import { defineProject, type ProjectDefinition } from "ctrlhunt";
import { graphController } from "./graph-controller.ts";
import { instanceController, type KroVariant } from "./instance-controller.ts";
import { deploymentController } from "./workload-controller.ts";

export * from "./kinds.ts";
export type { KroVariant } from "./instance-controller.ts";

/** The kro-lite system: graph controller, instance (applyset) controller and a Deployment rollout stand-in. */
export function kroLite(variant: KroVariant): ProjectDefinition {
  return defineProject({
    name: variant === "buggy" ? "kro-lite" : "kro-lite-fixed",
    description:
      variant === "buggy"
        ? "kro-style instance controller that trusts its applyset record over the live children (KRO K2b)"
        : "kro-lite with the fix: re-apply every missing or drifted child (idempotent apply)",
    upstream: "github.com/kubernetes-sigs/kro (model of the instance controller, K2b pattern)",
    controllers: [graphController, instanceController(variant), deploymentController],
  });
}
