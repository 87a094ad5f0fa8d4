/**
 * error-drops-requeue-fixed (twin of error-drops-requeue). A missing Secret is an error: the reconcile throws, the
 * request is re-queued, and the Database becomes Ready once CredentialsController has created the Secret.
 */
import { defineController, defineProject, isAlreadyExists, type KubeObj } from "ctrlhunt";

const DATABASE = "demo.example/Database";
const SECRET = "core/Secret";

type Database = KubeObj & { status?: { phase?: string } };

export default defineProject({
  name: "error-drops-requeue-fixed",
  controllers: [
    defineController({
      id: "CredentialsController",
      for: DATABASE,
      reconcile(ctx, req) {
        if (!ctx.get(DATABASE, req)) return;
        try {
          ctx.create({
            apiVersion: "v1",
            kind: "Secret",
            metadata: {
              name: `${req.name}-credentials`,
              namespace: req.namespace,
              ownerReferences: [{ apiVersion: "demo.example/v1", kind: "Database", name: req.name }],
            },
            data: { password: "czNjcjN0" },
          });
        } catch (e) {
          if (!isAlreadyExists(e)) throw e;
        }
      },
    }),
    defineController({
      id: "DatabaseController",
      for: DATABASE,
      reads: [SECRET],
      reconcile(ctx, req) {
        const db = ctx.get<Database>(DATABASE, req);
        if (!db || db.status?.phase === "Ready") return;
        const secret = ctx.get(SECRET, { namespace: req.namespace, name: `${req.name}-credentials` });
        if (!secret) {
          if (db.status?.phase !== "Provisioning")
            ctx.updateStatus({ ...db, status: { phase: "Provisioning" } });
          throw new Error(`secret ${req.namespace}/${req.name}-credentials not found yet`);
        }
        ctx.updateStatus({ ...db, status: { phase: "Ready" } });
      },
    }),
  ],
});
