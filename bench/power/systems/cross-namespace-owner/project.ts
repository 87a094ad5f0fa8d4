/**
 * cross-namespace-owner (planted; every path). PublishController publishes each App (namespace `apps`) as a
 * ConfigMap `<app>` in the `public-apps` namespace, where the portal reads it, and marks the App
 * `status.published`. To have the entry cleaned up with its App it sets an ownerReference to the App. The bug:
 * owner references cannot cross namespaces — the garbage collector looks for the owner in the dependent's own
 * namespace, finds none, and deletes the entry as an orphan. The owner mapping of the deletion event points into
 * `public-apps` too, so the App is never reconciled again: it says published while its entry is gone, on every
 * path. The twin (cross-namespace-owner-fixed) holds a finalizer on the App instead and deletes the entry itself.
 */
import { defineController, defineProject, isAlreadyExists, type KubeObj } from "ctrlhunt";

const APP = "demo.example/App";
const CONFIGMAP = "core/ConfigMap";
const PUBLIC_NS = "public-apps";

type App = KubeObj & { spec?: { url?: string }; status?: { published?: boolean } };

export default defineProject({
  name: "cross-namespace-owner",
  controllers: [
    defineController({
      id: "PublishController",
      for: APP,
      owns: [CONFIGMAP],
      reconcile(ctx, req) {
        const app = ctx.get<App>(APP, req);
        if (!app || app.metadata.deletionTimestamp) return;
        const key = { namespace: PUBLIC_NS, name: req.name };
        if (!ctx.get(CONFIGMAP, key)) {
          try {
            ctx.create({
              apiVersion: "v1",
              kind: "ConfigMap",
              metadata: {
                ...key,
                // BUG: a namespaced owner in another namespace
                ownerReferences: [
                  { apiVersion: "demo.example/v1", kind: "App", name: req.name, controller: true },
                ],
              },
              data: { url: app.spec?.url ?? "", source: `${req.namespace}/${req.name}` },
            });
          } catch (e) {
            if (!isAlreadyExists(e)) throw e;
          }
        }
        if (!app.status?.published) ctx.updateStatus({ ...app, status: { published: true } });
      },
    }),
  ],
  invariants: [
    {
      name: "every published app has its portal entry",
      check(view) {
        return (view.list(APP) as App[])
          .filter((a) => a.status?.published && !view.get(CONFIGMAP, a.metadata.name, PUBLIC_NS))
          .map((a) => ({
            message: `App ${a.metadata.namespace}/${a.metadata.name} is published but has no portal entry`,
            objects: [
              { kind: APP, namespace: a.metadata.namespace ?? "", name: a.metadata.name },
              { kind: CONFIGMAP, namespace: PUBLIC_NS, name: a.metadata.name },
            ],
          }));
      },
    },
  ],
});
