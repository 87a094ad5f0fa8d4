import { defineProject, type ProjectDefinition } from "ctrlhunt";
import { nodeClaimLifecycle } from "./nodeclaim-lifecycle.ts";
import { nodePoolCounter } from "./nodepool-counter.ts";
import { podBinder } from "./pod-binder.ts";
import { type KarpenterVariant, provisioner } from "./provisioner.ts";

export * from "./kinds.ts";
export type { KarpenterVariant } from "./provisioner.ts";

/** The karpenter-lite system: batching provisioner, nodepool counter, nodeclaim lifecycle, pod binder. */
export function karpenterLite(variant: KarpenterVariant): ProjectDefinition {
  return defineProject({
    name: variant === "buggy" ? "karpenter-lite" : "karpenter-lite-fixed",
    description:
      variant === "buggy"
        ? "batching provisioner that checks limits.nodes against a counter another controller maintains (Karpenter D1)"
        : "karpenter-lite with the fix: count in-flight NodeClaims against limits.nodes",
    upstream: "sigs.k8s.io/karpenter (model of provisioning + nodepool counter, D1 pattern)",
    controllers: [provisioner(variant), nodePoolCounter, nodeClaimLifecycle, podBinder],
  });
}
