/**
 * finalizer-clobber-fixed (twin of finalizer-clobber). The finalizer list is written with an optimistic update
 * carrying the resourceVersion of the copy it was built from, so a list built from a stale copy is refused with
 * Conflict, and the retry rebuilds it from a fresh read without losing the other controller's finalizer.
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

/** Write the Volume's finalizer list: an optimistic update of the copy it was built from. */
function writeFinalizers(ctx: ReconcileContext, vol: KubeObj, finalizers: string[]) {
  ctx.update({ ...vol, metadata: { ...vol.metadata, finalizers } });
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
  name: "finalizer-clobber-fixed",
  controllers: [
    guardian("SnapshotController", "demo.example/snapshots", "snapshots"),
    guardian("BillingController", "demo.example/billing", "billing"),
  ],
});
