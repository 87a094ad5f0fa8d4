/**
 * finalizer-dropped-early (planted). Every Bucket gets an index entry, a ConfigMap `bucket-<name>` in the shared
 * `archive` namespace (another namespace, so no ownerReference can clean it up; a finalizer does). The bug: on
 * deletion the controller drops its finalizer first and deletes the index entry second. If the controller manager
 * dies between the two writes, the Bucket is already gone when it restarts, nothing is left to reconcile, and the
 * index entry leaks forever. The twin (finalizer-dropped-early-fixed) deletes the entry first and drops the finalizer
 * last, so a restart finds the Bucket still terminating and finishes the job.
 */
import { defineController, defineProject, isAlreadyExists, isNotFound } from "ctrlhunt";

const BUCKET = "demo.example/Bucket";
const CONFIGMAP = "core/ConfigMap";
const FINALIZER = "demo.example/archive-index";

const entryKey = (bucket: string) => ({ namespace: "archive", name: `bucket-${bucket}` });

export default defineProject({
  name: "finalizer-dropped-early",
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
          ctx.update({
            ...b,
            metadata: { ...b.metadata, finalizers: finalizers.filter((f) => f !== FINALIZER) },
          });
          try {
            ctx.delete(CONFIGMAP, entryKey(req.name));
          } catch (e) {
            if (!isNotFound(e)) throw e;
          }
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
