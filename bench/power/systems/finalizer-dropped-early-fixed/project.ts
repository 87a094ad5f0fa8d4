/**
 * finalizer-dropped-early-fixed (twin of finalizer-dropped-early). On deletion the controller deletes the index entry
 * first (NotFound counts as done) and drops its finalizer last; a crash between the two leaves the Bucket terminating
 * with the finalizer, and the restarted controller finishes the cleanup.
 */
import { defineController, defineProject, isAlreadyExists, isNotFound } from "ctrlhunt";

const BUCKET = "demo.example/Bucket";
const CONFIGMAP = "core/ConfigMap";
const FINALIZER = "demo.example/archive-index";

const entryKey = (bucket: string) => ({ namespace: "archive", name: `bucket-${bucket}` });

export default defineProject({
  name: "finalizer-dropped-early-fixed",
  controllers: [
    defineController({
      id: "BucketController",
      for: BUCKET,
      reconcile(ctx, req) {
        const b = ctx.get(BUCKET, req);
        if (!b) return;
        const finalizers = b.metadata.finalizers ?? [];
        if (b.metadata.deletionTimestamp) {
          if (!finalizers.includes(FINALIZER)) return;
          try {
            ctx.delete(CONFIGMAP, entryKey(req.name));
          } catch (e) {
            if (!isNotFound(e)) throw e;
          }
          ctx.update({
            ...b,
            metadata: { ...b.metadata, finalizers: finalizers.filter((f) => f !== FINALIZER) },
          });
          return;
        }
        if (!finalizers.includes(FINALIZER)) {
          ctx.update({ ...b, metadata: { ...b.metadata, finalizers: [...finalizers, FINALIZER] } });
          return;
        }
        try {
          ctx.create({
            apiVersion: "v1",
            kind: "ConfigMap",
            metadata: entryKey(req.name),
            data: { bucket: `${req.namespace}/${req.name}` },
          });
        } catch (e) {
          if (!isAlreadyExists(e)) throw e;
        }
      },
    }),
  ],
});
