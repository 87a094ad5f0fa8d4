/**
 * cleanup-without-finalizer (planted; every path). CacheController gives each Cache a ConfigMap `<cache>-endpoints`
 * in the same namespace, labelled with the Cache, and has a cleanup branch for a Cache being deleted. The bug: it
 * sets no finalizer and no ownerReference, so a deleted Cache disappears at once, the cleanup branch never runs (a
 * Cache is never seen terminating) and the garbage collector has nothing to follow: the endpoints ConfigMap outlives
 * its Cache on every path. The twin (cleanup-without-finalizer-fixed) gives the ConfigMap an ownerReference.
 */
import { defineController, defineProject, isAlreadyExists, isNotFound, type KubeObj } from "ctrlhunt";

const CACHE = "demo.example/Cache";
const CONFIGMAP = "core/ConfigMap";
const CACHE_LABEL = "demo.example/cache";

type Cache = KubeObj & { spec?: { shards?: number } };

export default defineProject({
  name: "cleanup-without-finalizer",
  controllers: [
    defineController({
      id: "CacheController",
      for: CACHE,
      owns: [CONFIGMAP],
      reconcile(ctx, req) {
        const key = { namespace: req.namespace, name: `${req.name}-endpoints` };
        const cache = ctx.get<Cache>(CACHE, req);
        if (!cache) return;
        if (cache.metadata.deletionTimestamp) {
          try {
            ctx.delete(CONFIGMAP, key);
          } catch (e) {
            if (!isNotFound(e)) throw e;
          }
          return;
        }
        const shards = cache.spec?.shards ?? 1;
        try {
          ctx.create({
            apiVersion: "v1",
            kind: "ConfigMap",
            metadata: { ...key, labels: { [CACHE_LABEL]: req.name } }, // BUG: no ownerReference, no finalizer
            data: { endpoints: Array.from({ length: shards }, (_, i) => `${req.name}-${i}:6379`).join(",") },
          });
        } catch (e) {
          if (!isAlreadyExists(e)) throw e;
        }
      },
    }),
  ],
  invariants: [
    {
      name: "no endpoints outlive their cache",
      check(view) {
        return view
          .list(CONFIGMAP)
          .filter((cm) => cm.metadata.labels?.[CACHE_LABEL])
          .filter((cm) => !view.get(CACHE, String(cm.metadata.labels?.[CACHE_LABEL]), cm.metadata.namespace))
          .map((cm) => ({
            message: `ConfigMap ${cm.metadata.namespace}/${cm.metadata.name} outlived its Cache`,
            objects: [{ kind: CONFIGMAP, namespace: cm.metadata.namespace ?? "", name: cm.metadata.name }],
          }));
      },
    },
  ],
});
