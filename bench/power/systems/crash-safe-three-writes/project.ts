/**
 * crash-safe-three-writes (clean control). AppController gives every App a ConfigMap `<app>-config` (from
 * `spec.settings`), a Secret `<app>-token` and then sets `status.ready`. Three writes in one reconcile, so a crash can
 * land after the first or the second, but each write is re-derived from the world: the ConfigMap and the Secret are
 * created when missing (AlreadyExists counts as done, the ConfigMap is updated when its data differs), and the status
 * is set only from what exists. The restarted controller completes whatever the crash cut short. No bug is planted.
 */
import { defineController, defineProject, isAlreadyExists, type KubeObj } from "ctrlhunt";

const APP = "demo.example/App";
const CONFIGMAP = "core/ConfigMap";
const SECRET = "core/Secret";

type App = KubeObj & { spec?: { settings?: Record<string, string> }; status?: { ready?: boolean } };

const owner = (name: string) => [{ apiVersion: "demo.example/v1", kind: "App", name, controller: true }];

export default defineProject({
  name: "crash-safe-three-writes",
  controllers: [
    defineController({
      id: "AppController",
      for: APP,
      owns: [CONFIGMAP, SECRET],
      reconcile(ctx, req) {
        const app = ctx.get<App>(APP, req);
        if (!app || app.metadata.deletionTimestamp) return;
        const data = { ...(app.spec?.settings ?? {}) };
        const cmKey = { namespace: req.namespace, name: `${req.name}-config` };
        const cm = ctx.get(CONFIGMAP, cmKey);
        if (!cm) {
          try {
            ctx.create({
              apiVersion: "v1",
              kind: "ConfigMap",
              metadata: { ...cmKey, ownerReferences: owner(req.name) },
              data,
            });
          } catch (e) {
            if (!isAlreadyExists(e)) throw e;
          }
        } else if (JSON.stringify(cm.data ?? {}) !== JSON.stringify(data)) {
          ctx.update({ ...cm, data });
        }
        const secretKey = { namespace: req.namespace, name: `${req.name}-token` };
        if (!ctx.get(SECRET, secretKey)) {
          try {
            ctx.create({
              apiVersion: "v1",
              kind: "Secret",
              metadata: { ...secretKey, ownerReferences: owner(req.name) },
              data: { token: Buffer.from(`${req.namespace}/${req.name}`).toString("base64") },
            });
          } catch (e) {
            if (!isAlreadyExists(e)) throw e;
          }
        }
        if (!app.status?.ready) ctx.updateStatus({ ...app, status: { ready: true } });
      },
    }),
  ],
});
