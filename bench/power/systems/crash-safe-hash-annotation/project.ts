/**
 * crash-safe-hash-annotation (clean control). RouteController renders a Route's `spec.backends` into a ConfigMap
 * `<route>-routes`. It first stamps the hash of what it is about to render on the Route
 * (`metadata.annotations["demo.example/last-applied-hash"]`), then writes the ConfigMap carrying the same hash. The
 * record is only a cache key: on every reconcile the controller recomputes the hash from the spec and compares it
 * with the hash on the ConfigMap itself, so a crash after the annotation and before the ConfigMap (or before a
 * ConfigMap update) is healed by the restart, which finds the ConfigMap missing or outdated and writes it. No bug.
 */
import { defineController, defineProject, isAlreadyExists, type KubeObj } from "ctrlhunt";

const ROUTE = "demo.example/Route";
const CONFIGMAP = "core/ConfigMap";
const HASH = "demo.example/last-applied-hash";

type Route = KubeObj & { spec?: { backends?: string[] } };

const hash = (s: string) => {
  let h = 2166136261;
  for (const c of s) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
  return h.toString(16);
};

export default defineProject({
  name: "crash-safe-hash-annotation",
  controllers: [
    defineController({
      id: "RouteController",
      for: ROUTE,
      owns: [CONFIGMAP],
      reconcile(ctx, req) {
        const route = ctx.get<Route>(ROUTE, req);
        if (!route || route.metadata.deletionTimestamp) return;
        const backends = [...(route.spec?.backends ?? [])].sort();
        const want = hash(JSON.stringify(backends));
        if (route.metadata.annotations?.[HASH] !== want) {
          ctx.update({
            ...route,
            metadata: { ...route.metadata, annotations: { ...route.metadata.annotations, [HASH]: want } },
          });
        }
        const key = { namespace: req.namespace, name: `${req.name}-routes` };
        const cm = ctx.get(CONFIGMAP, key);
        const body = {
          apiVersion: "v1",
          kind: "ConfigMap",
          metadata: {
            ...key,
            annotations: { [HASH]: want },
            ownerReferences: [
              { apiVersion: "demo.example/v1", kind: "Route", name: req.name, controller: true },
            ],
          },
          data: { backends: backends.join(",") },
        };
        if (!cm) {
          try {
            ctx.create(body);
          } catch (e) {
            if (!isAlreadyExists(e)) throw e;
          }
        } else if (cm.metadata.annotations?.[HASH] !== want) {
          ctx.update({ ...cm, metadata: { ...cm.metadata, annotations: { [HASH]: want } }, data: body.data });
        }
      },
    }),
  ],
});
