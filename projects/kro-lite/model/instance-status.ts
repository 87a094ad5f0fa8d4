import type { KubeObj, ReconcileContext } from "ctrlhunt";
import { setCondition } from "../../_shared/conditions.ts";
import { specOf, statusOf } from "../../_shared/objects.ts";
import type { DesiredChild } from "./children.ts";
import { DEPLOYMENT } from "./kinds.ts";

/** A child is ready when it exists; a Deployment also needs all replicas available for its generation. */
function childReady(child: DesiredChild, live: KubeObj | null): boolean {
  if (!live) return false;
  if (child.kind !== DEPLOYMENT) return true;
  const st = statusOf(live);
  return st.observedGeneration === live.metadata.generation && st.availableReplicas === specOf(live).replicas;
}

/**
 * Instance status computed from what the controller can see (its informer view). Reading the live children
 * here is only for reporting: the buggy apply path never looks at them.
 */
export function instanceStatus(ctx: ReconcileContext, app: KubeObj, children: DesiredChild[]) {
  const notReady = children
    .filter(
      (c) =>
        !childReady(
          c,
          ctx.get(c.kind, { namespace: app.metadata.namespace ?? "", name: c.object.metadata.name }),
        ),
    )
    .map((c) => c.id);
  const ready = notReady.length === 0;
  return {
    ...statusOf(app),
    state: ready ? "ACTIVE" : "IN_PROGRESS",
    observedGeneration: app.metadata.generation,
    conditions: setCondition(statusOf(app).conditions, {
      type: "ResourcesReady",
      status: ready ? "True" : "False",
      reason: ready ? "AllResourcesReady" : "ResourcesNotReady",
      message: ready ? "" : `not ready: ${notReady.join(", ")}`,
      observedGeneration: app.metadata.generation,
    }),
  };
}
