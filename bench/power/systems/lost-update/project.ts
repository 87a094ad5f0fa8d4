/**
 * lost-update (planted). Two controllers publish one key each into the shared ConfigMap platform/cluster-info:
 * RegionController writes `region` from the Region object, VersionController writes `version` from the Version
 * object. The bug, written the way Go controllers often write it: build the whole ConfigMap from the informer's copy,
 * clear resourceVersion, and Update it. The API server accepts an Update without resourceVersion unconditionally for
 * a built-in kind, so a writer whose cached copy is stale silently puts back the other key's old value, and nothing
 * re-queues the loser (neither watches the ConfigMap). The twin (lost-update-fixed) keeps the resourceVersion it read,
 * so a stale write fails with Conflict and is retried from a fresh read.
 */
import { defineController, defineProject, type KubeObj, type ReconcileContext, type Request } from "ctrlhunt";

const CONFIGMAP = "core/ConfigMap";
const INFO = { namespace: "platform", name: "cluster-info" };

type Setting = KubeObj & { spec?: { value?: string } };
type ConfigMap = KubeObj & { data?: Record<string, string> };

/** Publish `key` = the object's spec.value into cluster-info. */
function publish(ctx: ReconcileContext, kind: string, req: Request, key: string) {
  const src = ctx.get<Setting>(kind, req);
  const value = src?.spec?.value;
  if (!value) return;
  const cm = ctx.get<ConfigMap>(CONFIGMAP, INFO);
  if (!cm) {
    ctx.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { ...INFO }, data: { [key]: value } });
    return;
  }
  if (cm.data?.[key] === value) return;
  ctx.update({
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { ...cm.metadata, resourceVersion: undefined },
    data: { ...cm.data, [key]: value },
  });
}

export default defineProject({
  name: "lost-update",
  controllers: [
    defineController({
      id: "RegionController",
      for: "demo.example/Region",
      reads: [CONFIGMAP],
      reconcile: (ctx, req) => publish(ctx, "demo.example/Region", req, "region"),
    }),
    defineController({
      id: "VersionController",
      for: "demo.example/Version",
      reads: [CONFIGMAP],
      reconcile: (ctx, req) => publish(ctx, "demo.example/Version", req, "version"),
    }),
  ],
});
