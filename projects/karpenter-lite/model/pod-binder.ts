import { defineController, type KubeObj } from "ctrlhunt";
import { isTrue, setCondition } from "../../_shared/conditions.ts";
import { statusOf } from "../../_shared/objects.ts";
import { NODE, nominatedPods, POD, podKey } from "./kinds.ts";

function nominatedNode(nodes: KubeObj[], pod: KubeObj): KubeObj | undefined {
  return nodes.find((n) => isTrue(statusOf(n).conditions, "Ready") && nominatedPods(n).includes(podKey(pod)));
}

/**
 * pod.binder: the kube-scheduler stand-in. Binds a pending pod to the Ready node Karpenter nominated it for
 * (spec.nodeName), then records PodScheduled in status.
 */
export const podBinder = defineController({
  id: "pod.binder",
  for: POD,
  watches: [
    {
      kind: NODE,
      map: (node) =>
        nominatedPods(node).map((k) => {
          const [namespace, name] = k.split("/");
          return { namespace: namespace ?? "", name: name ?? "" };
        }),
    },
  ],
  reconcile(ctx, req) {
    const pod = ctx.get(POD, req);
    if (!pod || (pod.spec as { nodeName?: string }).nodeName) return {};
    const node = nominatedNode(ctx.list(NODE), pod);
    if (!node) return {};
    const bound = ctx.update({ ...pod, spec: { ...(pod.spec as object), nodeName: node.metadata.name } });
    const conditions = setCondition(statusOf(pod).conditions, {
      type: "PodScheduled",
      status: "True",
      reason: "Scheduled",
    });
    ctx.updateStatus({ ...bound, status: { ...statusOf(pod), conditions } });
    return {};
  },
});
