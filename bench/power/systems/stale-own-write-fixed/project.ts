/**
 * stale-own-write-fixed (twin of stale-own-write). Pods are named by slot (`<pool>-<i>`, i < replicas) and a create
 * that meets AlreadyExists means the slot is already running, so a cache that lags behind the controller's own creates
 * cannot make it start extra Pods.
 */
import { defineController, defineProject, isAlreadyExists, type KubeObj } from "ctrlhunt";

const POOL = "demo.example/WorkerPool";
const POD = "core/Pod";
const POOL_LABEL = "demo.example/pool";

type Pool = KubeObj & { spec?: { replicas?: number; image?: string }; status?: { replicas?: number } };

export default defineProject({
  name: "stale-own-write-fixed",
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
        const running = new Set(
          ctx
            .list(POD, { namespace: req.namespace, labels: { [POOL_LABEL]: req.name } })
            .map((p) => p.metadata.name),
        );
        for (let i = 0; i < want; i++) {
          if (running.has(`${req.name}-${i}`)) continue;
          try {
            ctx.create({
              apiVersion: "v1",
              kind: "Pod",
              metadata: {
                name: `${req.name}-${i}`,
                namespace: req.namespace,
                labels: { [POOL_LABEL]: req.name },
                ownerReferences: [
                  { apiVersion: "demo.example/v1", kind: "WorkerPool", name: req.name, controller: true },
                ],
              },
              spec: { containers: [{ name: "worker", image: pool.spec?.image ?? "worker:1" }] },
            });
          } catch (e) {
            if (!isAlreadyExists(e)) throw e;
          }
        }
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
