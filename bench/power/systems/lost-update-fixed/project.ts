/**
 * lost-update-fixed (twin of lost-update). The whole-object Update keeps the resourceVersion of the copy it was built
 * from, so the API server refuses it with Conflict when another writer got there first; the reconcile fails, is
 * re-queued, and rebuilds the ConfigMap from a fresh read.
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
    metadata: { ...cm.metadata },
    data: { ...cm.data, [key]: value },
  });
}

export default defineProject({
  name: "lost-update-fixed",
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
