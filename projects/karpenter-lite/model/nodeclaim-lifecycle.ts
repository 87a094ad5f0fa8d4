import { defineController, type KubeObj } from "ctrlhunt";
import { setCondition } from "../../_shared/conditions.ts";
import { controllerRef, statusOf } from "../../_shared/objects.ts";
import { sameJson } from "../../_shared/stable.ts";
import { NODE, NODE_CPU, NODECLAIM, NODECLAIM_LABEL, NODEPOOL_LABEL, NOMINATED_ANNOTATION } from "./kinds.ts";

function nodeFor(claim: KubeObj): KubeObj {
  const labels = claim.metadata.labels ?? {};
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: {
      name: claim.metadata.name,
      labels: { [NODEPOOL_LABEL]: labels[NODEPOOL_LABEL] ?? "", [NODECLAIM_LABEL]: claim.metadata.name },
      annotations: { [NOMINATED_ANNOTATION]: claim.metadata.annotations?.[NOMINATED_ANNOTATION] ?? "" },
      ownerReferences: [controllerRef(claim)],
    },
    spec: { providerID: `fake://${claim.metadata.name}` },
    status: {
      capacity: { cpu: String(NODE_CPU) },
      conditions: [{ type: "Ready", status: "True", reason: "KubeletReady" }],
    },
  };
}

/**
 * nodeclaim.lifecycle: launches the instance and registers its Node (create Node, then mark the claim
 * Launched/Registered) — two writes per reconcile on the first pass, none afterwards.
 */
export const nodeClaimLifecycle = defineController({
  id: "nodeclaim.lifecycle",
  for: NODECLAIM,
  owns: [NODE],
  reconcile(ctx, req) {
    const claim = ctx.get(NODECLAIM, req);
    if (!claim) return {};
    if (!ctx.get(NODE, { namespace: "", name: claim.metadata.name })) ctx.create(nodeFor(claim));
    let conditions = setCondition(statusOf(claim).conditions, {
      type: "Launched",
      status: "True",
      reason: "Launched",
    });
    conditions = setCondition(conditions, { type: "Registered", status: "True", reason: "Registered" });
    const status = {
      ...statusOf(claim),
      providerID: `fake://${claim.metadata.name}`,
      nodeName: claim.metadata.name,
      conditions,
    };
    if (!sameJson(status, claim.status)) ctx.updateStatus({ ...claim, status });
    return {};
  },
});
