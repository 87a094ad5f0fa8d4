/**
 * stale-owner-check-fixed (twin of stale-owner-check). PVCJanitor no longer judges owned claims from its cache: a
 * claim with an ownerReference is the garbage collector's to delete (the API server knows whether the owner exists).
 * The janitor only sweeps legacy claims that carry a database label but no ownerReference.
 */
import { defineController, defineProject, isAlreadyExists, type KubeObj } from "ctrlhunt";

const DATABASE = "demo.example/Database";
const PVC = "core/PersistentVolumeClaim";
const DB_LABEL = "demo.example/database";

type Database = KubeObj & { status?: { volume?: { name: string; uid: string }; phase?: string } };

export default defineProject({
  name: "stale-owner-check-fixed",
  controllers: [
    defineController({
      id: "DatabaseController",
      for: DATABASE,
      owns: [PVC],
      reconcile(ctx, req) {
        const db = ctx.get<Database>(DATABASE, req);
        if (!db) return;
        const claimName = `data-${req.name}`;
        const recorded = db.status?.volume;
        if (recorded) {
          const live = ctx.get(PVC, { namespace: req.namespace, name: recorded.name });
          const phase = live && live.metadata.uid === recorded.uid ? "Ready" : "DataLost";
          if (db.status?.phase !== phase) ctx.updateStatus({ ...db, status: { ...db.status, phase } });
          return;
        }
        let claim: KubeObj;
        try {
          claim = ctx.create({
            apiVersion: "v1",
            kind: "PersistentVolumeClaim",
            metadata: {
              name: claimName,
              namespace: req.namespace,
              labels: { [DB_LABEL]: req.name },
              ownerReferences: [
                { apiVersion: "demo.example/v1", kind: "Database", name: req.name, controller: true },
              ],
            },
            spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "10Gi" } } },
          });
        } catch (e) {
          if (!isAlreadyExists(e)) throw e;
          const existing = ctx.get(PVC, { namespace: req.namespace, name: claimName });
          if (!existing) return { requeue: true };
          claim = existing;
        }
        ctx.updateStatus({
          ...db,
          status: { volume: { name: claimName, uid: String(claim.metadata.uid) }, phase: "Ready" },
        });
      },
    }),
    defineController({
      id: "PVCJanitor",
      for: PVC,
      reads: [DATABASE],
      reconcile(ctx, req) {
        const claim = ctx.get(PVC, req);
        const owner = claim?.metadata.labels?.[DB_LABEL];
        if (!claim || !owner || (claim.metadata.ownerReferences ?? []).length > 0) return;
        if (ctx.get(DATABASE, { namespace: req.namespace, name: owner })) return;
        ctx.delete(PVC, req, { uid: claim.metadata.uid });
      },
    }),
  ],
  invariants: [
    {
      name: "every database keeps its data volume",
      check(view) {
        return (view.list(DATABASE) as Database[]).flatMap((db) => {
          const ns = db.metadata.namespace ?? "";
          const v = db.status?.volume;
          const live = v ? view.get(PVC, v.name, ns) : null;
          return v && live?.metadata.uid === v.uid && db.status?.phase === "Ready"
            ? []
            : [
                {
                  message: `Database ${ns}/${db.metadata.name} is ${db.status?.phase ?? "unprovisioned"}: its claim ${v ? `${v.name} (${v.uid}) is gone` : "was never recorded"}`,
                  objects: [
                    { kind: DATABASE, namespace: ns, name: db.metadata.name },
                    { kind: PVC, namespace: ns, name: `data-${db.metadata.name}` },
                  ],
                },
              ];
        });
      },
    },
  ],
});
