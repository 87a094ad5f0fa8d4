import { defineController } from "ctrlhunt";
import { setCondition } from "../../_shared/conditions.ts";
import { sameJson } from "../../_shared/stable.ts";
import { specOf, statusOf } from "../../_shared/objects.ts";
import { DEPLOYMENT, INGRESS, RGD, SERVICE } from "./kinds.ts";

const SUPPORTED = new Set([DEPLOYMENT, SERVICE, INGRESS]);

interface GraphResource {
  id: string;
  kind: string;
  dependsOn?: string[];
}

/** Dependencies first; ties keep declaration order (kro orders by its DAG). Null when there is a cycle. */
export function topologicalOrder(resources: GraphResource[]): string[] | null {
  const order: string[] = [];
  const pending = [...resources];
  while (pending.length > 0) {
    const next = pending.findIndex((r) => (r.dependsOn ?? []).every((d) => order.includes(d)));
    if (next < 0) return null;
    order.push(pending[next].id);
    pending.splice(next, 1);
  }
  return order;
}

/**
 * ResourceGraphDefinitionController: validates the graph and publishes its topological order in status.
 * One write per reconcile (status), only when it changes.
 */
export const graphController = defineController({
  id: "ResourceGraphDefinitionController",
  for: RGD,
  reconcile(ctx, req) {
    const rgd = ctx.get(RGD, req);
    if (!rgd) return {};
    const resources = (specOf(rgd).resources ?? []) as GraphResource[];
    const unsupported = resources.filter((r) => !SUPPORTED.has(r.kind)).map((r) => r.id);
    const order = topologicalOrder(resources);
    const valid = unsupported.length === 0 && order !== null;
    const status = {
      ...statusOf(rgd),
      state: valid ? "Active" : "Inactive",
      topologicalOrder: order ?? [],
      conditions: setCondition(statusOf(rgd).conditions, {
        type: "GraphVerified",
        status: valid ? "True" : "False",
        reason: valid ? "Verified" : order === null ? "CycleDetected" : "UnsupportedKind",
        message: valid ? "" : `unsupported resources: ${unsupported.join(", ")}`,
        observedGeneration: rgd.metadata.generation,
      }),
    };
    if (!sameJson(status, rgd.status)) ctx.updateStatus({ ...rgd, status });
    return {};
  },
});
