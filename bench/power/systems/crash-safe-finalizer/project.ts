/**
 * crash-safe-finalizer (clean control). DatabaseController keeps the Database's credentials in the `vault` namespace
 * (a Secret `<ns>-<name>`, out of reach of ownerReferences) behind a finalizer. On deletion it deletes the Secret and
 * then drops the finalizer: two writes, and a crash between them leaves the Database terminating with the finalizer,
 * so the restarted controller deletes again (NotFound counts as done) and drops it. No bug is planted.
 */
import { defineController, defineProject, isAlreadyExists, isNotFound } from "ctrlhunt";

const DATABASE = "demo.example/Database";
const SECRET = "core/Secret";
const FINALIZER = "demo.example/vault-credentials";

const secretKey = (ns: string, name: string) => ({ namespace: "vault", name: `${ns}-${name}` });

export default defineProject({
  name: "crash-safe-finalizer",
  controllers: [
    defineController({
      id: "DatabaseController",
      for: DATABASE,
      reconcile(ctx, req) {
        const db = ctx.get(DATABASE, req);
        if (!db) return;
        const finalizers = db.metadata.finalizers ?? [];
        if (db.metadata.deletionTimestamp) {
          if (!finalizers.includes(FINALIZER)) return;
          try {
            ctx.delete(SECRET, secretKey(req.namespace, req.name));
          } catch (e) {
            if (!isNotFound(e)) throw e;
          }
          ctx.update({
            ...db,
            metadata: { ...db.metadata, finalizers: finalizers.filter((f) => f !== FINALIZER) },
          });
          return;
        }
        if (!finalizers.includes(FINALIZER)) {
          ctx.update({ ...db, metadata: { ...db.metadata, finalizers: [...finalizers, FINALIZER] } });
          return;
        }
        try {
          ctx.create({
            apiVersion: "v1",
            kind: "Secret",
            metadata: secretKey(req.namespace, req.name),
            data: { password: "aHVudGVyMg==" },
          });
        } catch (e) {
          if (!isAlreadyExists(e)) throw e;
        }
      },
    }),
  ],
});
