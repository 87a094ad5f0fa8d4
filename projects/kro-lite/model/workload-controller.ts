import { defineController } from "ctrlhunt";
import { specOf, statusOf } from "../../_shared/objects.ts";
import { sameJson } from "../../_shared/stable.ts";
import { DEPLOYMENT } from "./kinds.ts";

/**
 * DeploymentController: the kube-controller-manager stand-in. Rolls a Deployment out instantly and reports
 * it in status for the generation it saw (what kro reads to call the instance ready).
 */
export const deploymentController = defineController({
  id: "DeploymentController",
  for: DEPLOYMENT,
  reconcile(ctx, req) {
    const dep = ctx.get(DEPLOYMENT, req);
    if (!dep) return {};
    const replicas = (specOf(dep).replicas as number | undefined) ?? 1;
    const status = {
      ...statusOf(dep),
      observedGeneration: dep.metadata.generation,
      replicas,
      readyReplicas: replicas,
      availableReplicas: replicas,
    };
    if (!sameJson(status, dep.status)) ctx.updateStatus({ ...dep, status });
    return {};
  },
});
