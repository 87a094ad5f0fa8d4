import { type ControllerDefinition, defineController, type KubeObj } from "ctrlhunt";
import { controllerRef, isDeleting, specOf, statusOf } from "../../_shared/objects.ts";
import { shortHash } from "../../_shared/stable.ts";
import { nominatedByAny, scheduleBatch } from "./batch.ts";
import {
  NODECLAIM,
  NODEPOOL,
  NODEPOOL_LABEL,
  NOMINATED_ANNOTATION,
  nodePoolRequest,
  POD,
  podKey,
  poolOfPod,
} from "./kinds.ts";

export type KarpenterVariant = "buggy" | "fixed";

/**
 * Nodes the pool already uses. Buggy: the NodePool's status.resources.nodes, which the nodepool.counter
 * controller maintains — it lags behind NodeClaims this provisioner created in an earlier batch (Karpenter D1).
 * Fixed: also count the in-flight NodeClaims of the pool in the provisioner's own view.
 */
function nodesInUse(variant: KarpenterVariant, pool: KubeObj, claims: KubeObj[]): number {
  const counted = Number((statusOf(pool).resources as { nodes?: string } | undefined)?.nodes ?? 0);
  return variant === "buggy" ? counted : Math.max(counted, claims.length);
}

function nodeClaimFor(pool: KubeObj, pods: KubeObj[], cpu: number): KubeObj {
  const keys = pods.map(podKey);
  return {
    apiVersion: "karpenter.sh/v1",
    kind: "NodeClaim",
    metadata: {
      // generateName in Karpenter; a name derived from the nominated pods keeps runs deterministic
      name: `${pool.metadata.name}-${shortHash(keys.join(","))}`,
      labels: { [NODEPOOL_LABEL]: pool.metadata.name },
      annotations: { [NOMINATED_ANNOTATION]: keys.join(",") },
      ownerReferences: [controllerRef(pool)],
    },
    spec: { resources: { requests: { cpu: String(cpu) } }, nodeClassRef: specOf(pool).template ?? {} },
  };
}

/** provisioner: batches the pool's unscheduled, un-nominated pods into new NodeClaims under limits.nodes. */
export function provisioner(variant: KarpenterVariant): ControllerDefinition {
  return defineController({
    id: "provisioner",
    for: NODEPOOL,
    watches: [
      { kind: POD, map: (pod) => nodePoolRequest(poolOfPod(pod)) },
      { kind: NODECLAIM, map: (nc) => nodePoolRequest(nc.metadata.labels?.[NODEPOOL_LABEL]) },
    ],
    reconcile(ctx, req) {
      const pool = ctx.get(NODEPOOL, req);
      if (!pool || isDeleting(pool)) return {};
      const claims = ctx.list(NODECLAIM, { labels: { [NODEPOOL_LABEL]: req.name } });
      const nominated = nominatedByAny(claims);
      const pending = ctx
        .list(POD)
        .filter((p) => poolOfPod(p) === req.name && !(p.spec as { nodeName?: string }).nodeName)
        .filter((p) => !nominated.has(podKey(p)))
        .sort((a, b) => podKey(a).localeCompare(podKey(b)));
      if (pending.length === 0) return {};
      const limit = Number(
        (specOf(pool).limits as { nodes?: string } | undefined)?.nodes ?? Number.POSITIVE_INFINITY,
      );
      const batch = scheduleBatch(pending, limit - nodesInUse(variant, pool, claims));
      for (const c of batch.claims) ctx.create(nodeClaimFor(pool, c.pods, c.cpu));
      return {};
    },
  });
}
