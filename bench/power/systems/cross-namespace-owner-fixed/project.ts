/**
 * cross-namespace-owner-fixed (twin of cross-namespace-owner). PublishController publishes each App (namespace
 * `apps`) as a ConfigMap `<app>` in `public-apps` and marks the App `status.published`. Fixed: no ownerReference
 * across namespaces; a finalizer, added before the entry is created, guards the cleanup: on deletion the controller
 * deletes the entry (NotFound counts as done) and drops the finalizer.
 */
import { defineController, defineProject, isAlreadyExists, isNotFound, type KubeObj } from "ctrlhunt";

const APP = "demo.example/App";
const CONFIGMAP = "core/ConfigMap";
const PUBLIC_NS = "public-apps";
const FINALIZER = "demo.example/portal-entry";

type App = KubeObj & { spec?: { url?: string }; status?: { published?: boolean } };

export default defineProject({
  name: "cross-namespace-owner-fixed",
  controllers: [
    defineController({
      id: "PublishController",
      for: APP,
      reconcile(ctx, req) {
        const app = ctx.get<App>(APP, req);
        if (!app) return;
        const key = { namespace: PUBLIC_NS, name: req.name };
        const finalizers = app.metadata.finalizers ?? [];
        if (app.metadata.deletionTimestamp) {
          if (!finalizers.includes(FINALIZER)) return;
          try {
            ctx.delete(CONFIGMAP, key);
          } catch (e) {
            if (!isNotFound(e)) throw e;
          }
          ctx.update({
            ...app,
            metadata: { ...app.metadata, finalizers: finalizers.filter((f) => f !== FINALIZER) },
          });
          return;
        }
        if (!finalizers.includes(FINALIZER)) {
          ctx.update({ ...app, metadata: { ...app.metadata, finalizers: [...finalizers, FINALIZER] } });
          return;
        }
        if (!ctx.get(CONFIGMAP, key)) {
          try {
            ctx.create({
              apiVersion: "v1",
              kind: "ConfigMap",
              metadata: key,
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
