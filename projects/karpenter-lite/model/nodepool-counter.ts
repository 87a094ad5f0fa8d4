import { defineController } from "ctrlhunt";
import { isDeleting, statusOf } from "../../_shared/objects.ts";
import { sameJson } from "../../_shared/stable.ts";
import { NODECLAIM, NODEPOOL, NODEPOOL_LABEL, nodePoolRequest } from "./kinds.ts";

/**
 * nodepool.counter: publishes the pool's usage (status.resources.nodes) from the NodeClaims it sees. It is the
 * only writer of that field; the buggy provisioner trusts it as if it were up to date.
 */
export const nodePoolCounter = defineController({
  id: "nodepool.counter",
  for: NODEPOOL,
  watches: [{ kind: NODECLAIM, map: (nc) => nodePoolRequest(nc.metadata.labels?.[NODEPOOL_LABEL]) }],
  reconcile(ctx, req) {
    const pool = ctx.get(NODEPOOL, req);
    if (!pool) return {};
    const claims = ctx
      .list(NODECLAIM, { labels: { [NODEPOOL_LABEL]: req.name } })
      .filter((c) => !isDeleting(c));
    const status = { ...statusOf(pool), resources: { nodes: String(claims.length) } };
    if (!sameJson(status, pool.status)) ctx.updateStatus({ ...pool, status });
    return {};
  },
});
