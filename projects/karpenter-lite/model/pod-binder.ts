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
    if (!pod) return {};
    const scheduled = () =>
      setCondition(statusOf(pod).conditions, { type: "PodScheduled", status: "True", reason: "Scheduled" });
    if ((pod.spec as { nodeName?: string }).nodeName) {
      // Bound earlier (e.g. before a crash) but not yet recorded: finish the job. The real binding API does both
      // at once; the stand-in's two writes must not open a crash window the real scheduler does not have.
      if (!isTrue(statusOf(pod).conditions, "PodScheduled"))
        ctx.updateStatus({ ...pod, status: { ...statusOf(pod), conditions: scheduled() } });
      return {};
    }
    const node = nominatedNode(ctx.list(NODE), pod);
    if (!node) return {};
    const bound = ctx.update({ ...pod, spec: { ...(pod.spec as object), nodeName: node.metadata.name } });
    ctx.updateStatus({ ...bound, status: { ...statusOf(pod), conditions: scheduled() } });
    return {};
  },
});
