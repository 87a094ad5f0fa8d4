/**
 * stale-own-write (planted). PoolController keeps `spec.replicas` Pods running for a WorkerPool: it counts the
 * Pool's Pods in its cache, creates the missing ones under fresh names (`<pool>-<start time>-<i>`, the way
 * generateName gives every Pod a new name) and records the count in status. The bug: it trusts its cache to already
 * show the Pods it has just created. Its own status write re-triggers it, and when the Pod informer lags behind, it
 * counts too few and creates the "missing" Pods again (this is why the ReplicaSet controller keeps expectations).
 * The twin (stale-own-write-fixed) names Pods by slot (`<pool>-<i>`) and treats AlreadyExists as "already running",
 * so a lagging cache can only make it retry a create the API server refuses.
 */
import { defineController, defineProject, type KubeObj } from "ctrlhunt";

const POOL = "demo.example/WorkerPool";
const POD = "core/Pod";
const POOL_LABEL = "demo.example/pool";

type Pool = KubeObj & { spec?: { replicas?: number; image?: string }; status?: { replicas?: number } };

const stamp = (iso: string) => iso.replace(/[^0-9]/g, "").slice(0, 10);

export default defineProject({
  name: "stale-own-write",
  controllers: [
    defineController({
      id: "PoolController",
      for: POOL,
      owns: [POD],
      reconcile(ctx, req) {
        const pool = ctx.get<Pool>(POOL, req);
        if (!pool) return;
        const want = pool.spec?.replicas ?? 1;
        const have = ctx.list(POD, { namespace: req.namespace, labels: { [POOL_LABEL]: req.name } }).length;
        for (let i = have; i < want; i++)
          ctx.create({
            apiVersion: "v1",
            kind: "Pod",
            metadata: {
              name: `${req.name}-${stamp(ctx.now())}-${i}`,
              namespace: req.namespace,
              labels: { [POOL_LABEL]: req.name },
              ownerReferences: [
                { apiVersion: "demo.example/v1", kind: "WorkerPool", name: req.name, controller: true },
              ],
            },
            spec: { containers: [{ name: "worker", image: pool.spec?.image ?? "worker:1" }] },
          });
        const replicas = Math.max(have, want);
        if (pool.status?.replicas !== replicas) ctx.updateStatus({ ...pool, status: { replicas } });
      },
    }),
  ],
  invariants: [
    {
      name: "a pool runs exactly its replicas",
      check(view) {
        return (view.list(POOL) as Pool[]).flatMap((p) => {
          const ns = p.metadata.namespace ?? "";
          const pods = view.list(POD, { namespace: ns, labels: { [POOL_LABEL]: p.metadata.name } });
          const want = p.spec?.replicas ?? 1;
          return pods.length === want
            ? []
            : [
                {
                  message: `WorkerPool ${ns}/${p.metadata.name} wants ${want} pods and runs ${pods.length}`,
                  objects: [
                    { kind: POOL, namespace: ns, name: p.metadata.name },
                    ...pods.map((x) => ({ kind: POD, namespace: ns, name: x.metadata.name })),
                  ],
                },
              ];
        });
      },
    },
  ],
});
