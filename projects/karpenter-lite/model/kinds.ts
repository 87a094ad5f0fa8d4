import type { KubeObj, Request } from "ctrlhunt";

/** Canonical kinds and well-known labels of the karpenter-lite model. */
export const NODEPOOL = "karpenter.sh/NodePool";
export const NODECLAIM = "karpenter.sh/NodeClaim";
export const NODE = "core/Node";
export const POD = "core/Pod";

export const NODEPOOL_LABEL = "karpenter.sh/nodepool";
export const NODECLAIM_LABEL = "karpenter.sh/nodeclaim";
/** Pods a NodeClaim was launched for ("ns/name,ns/name"): the provisioner's nominations, copied to the Node. */
export const NOMINATED_ANNOTATION = "karpenter.sh/nominated-pods";

/** Every instance type in this model has 4 CPUs. */
export const NODE_CPU = 4;

export function nodePoolRequest(name: string | undefined): Request[] {
  return name ? [{ namespace: "", name }] : [];
}

/** The NodePool a pod asks for through its nodeSelector (karpenter.sh/nodepool). */
export function poolOfPod(pod: KubeObj): string | undefined {
  const spec = pod.spec as { nodeSelector?: Record<string, string> } | undefined;
  return spec?.nodeSelector?.[NODEPOOL_LABEL];
}

export function podKey(pod: KubeObj): string {
  return `${pod.metadata.namespace ?? ""}/${pod.metadata.name}`;
}

/** Total CPU the pod's containers request ("3", "500m"). */
export function podCpu(pod: KubeObj): number {
  const spec = pod.spec as
    | { containers?: Array<{ resources?: { requests?: { cpu?: string } } }> }
    | undefined;
  return (spec?.containers ?? []).reduce((sum, c) => sum + parseCpu(c.resources?.requests?.cpu), 0);
}

export function parseCpu(q: string | undefined): number {
  if (!q) return 0;
  return q.endsWith("m") ? Number(q.slice(0, -1)) / 1000 : Number(q);
}

export function nominatedPods(obj: KubeObj): string[] {
  const raw = obj.metadata.annotations?.[NOMINATED_ANNOTATION];
  return raw ? raw.split(",").filter(Boolean) : [];
}
