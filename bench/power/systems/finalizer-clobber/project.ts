/**
 * finalizer-clobber (planted). Two controllers each guard a Volume with their own finalizer: SnapshotController keeps
 * a snapshot index entry in `snapshots`, BillingController a billing record in `billing` (other namespaces: only the
 * finalizers clean them up). Each adds its finalizer when it creates its record and removes it after deleting the
 * record. The bug: both write the finalizer list as a merge patch built from their cached copy, without a
 * resourceVersion. A merge patch replaces a list whole, so a controller whose cache does not show the other's
 * finalizer yet wipes it, and the other's record is never cleaned up when the Volume is deleted. The twin
 * (finalizer-clobber-fixed) writes the list with an optimistic update (the resourceVersion it read): a stale list is
 * refused with Conflict and rebuilt from a fresh read.
 */
import {
  defineController,
  defineProject,
  isAlreadyExists,
  isNotFound,
  type KubeObj,
  type ReconcileContext,
  type Request,
} from "ctrlhunt";

const VOLUME = "demo.example/Volume";
const CONFIGMAP = "core/ConfigMap";

/** Write the Volume's finalizer list: here a merge patch from the cached copy, no resourceVersion. */
function writeFinalizers(ctx: ReconcileContext, vol: KubeObj, finalizers: string[]) {
  ctx.patch({
    apiVersion: vol.apiVersion,
    kind: vol.kind,
    metadata: { name: vol.metadata.name, namespace: vol.metadata.namespace, finalizers },
  });
}

function guardian(id: string, finalizer: string, recordNs: string) {
  return defineController({
    id,
    for: VOLUME,
    reconcile(ctx: ReconcileContext, req: Request) {
      const vol = ctx.get(VOLUME, req);
      if (!vol) return;
      const record = { namespace: recordNs, name: `${req.namespace}-${req.name}` };
      const finalizers = vol.metadata.finalizers ?? [];
      if (vol.metadata.deletionTimestamp) {
        if (!finalizers.includes(finalizer)) return;
        try {
          ctx.delete(CONFIGMAP, record);
        } catch (e) {
          if (!isNotFound(e)) throw e;
        }
        writeFinalizers(
          ctx,
          vol,
          finalizers.filter((f) => f !== finalizer),
        );
        return;
      }
      if (ctx.get(CONFIGMAP, record)) return;
      if (!finalizers.includes(finalizer)) writeFinalizers(ctx, vol, [...finalizers, finalizer]);
      try {
        ctx.create({
          apiVersion: "v1",
          kind: "ConfigMap",
          metadata: record,
          data: { volume: `${req.namespace}/${req.name}` },
        });
      } catch (e) {
        if (!isAlreadyExists(e)) throw e;
      }
    },
  });
}

export default defineProject({
  name: "finalizer-clobber",
  controllers: [
    guardian("SnapshotController", "demo.example/snapshots", "snapshots"),
    guardian("BillingController", "demo.example/billing", "billing"),
  ],
});
