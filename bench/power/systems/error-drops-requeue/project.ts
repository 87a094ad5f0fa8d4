/**
 * error-drops-requeue (planted). CredentialsController generates the Secret `<db>-credentials` for every Database;
 * DatabaseController provisions the Database once that Secret exists and marks it Ready. The bug is on the error
 * path: when the Secret is not there yet, DatabaseController logs and returns an empty result instead of an error,
 * so controller-runtime never retries it, and a Database reconciled before its Secret stays Provisioning forever
 * (Secrets are only read, not watched). The twin (error-drops-requeue-fixed) returns the error, so the request is
 * retried with backoff until the Secret shows up.
 */
import { defineController, defineProject, isAlreadyExists, type KubeObj } from "ctrlhunt";

const DATABASE = "demo.example/Database";
const SECRET = "core/Secret";

type Database = KubeObj & { status?: { phase?: string } };

export default defineProject({
  name: "error-drops-requeue",
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
          return {};
        }
        ctx.updateStatus({ ...db, status: { phase: "Ready" } });
      },
    }),
  ],
});
