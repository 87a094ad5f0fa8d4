/**
 * observed-generation-fixed (twin of observed-generation). HealthController reports only `status.health`;
 * `status.observedGeneration` is written solely by RolloutController after it has rendered that generation, so it
 * always means "this spec is rolled out".
 */
import { defineController, defineProject, type KubeObj } from "ctrlhunt";

const APP = "demo.example/App";
const CONFIGMAP = "core/ConfigMap";

type App = KubeObj & {
  spec?: { version?: string };
  status?: { observedGeneration?: number; health?: string };
};
type ConfigMap = KubeObj & { data?: Record<string, string> };

export default defineProject({
  name: "observed-generation-fixed",
  controllers: [
    defineController({
      id: "RolloutController",
      for: APP,
      owns: [CONFIGMAP],
      reconcile(ctx, req) {
        const app = ctx.get<App>(APP, req);
        if (!app || app.status?.observedGeneration === app.metadata.generation) return;
        ctx.apply({
          apiVersion: "v1",
          kind: "ConfigMap",
          metadata: {
            name: `${req.name}-config`,
            namespace: req.namespace,
            ownerReferences: [
              { apiVersion: "demo.example/v1", kind: "App", name: req.name, controller: true },
            ],
          },
          data: { version: String(app.spec?.version) },
        });
        ctx.updateStatus({ ...app, status: { ...app.status, observedGeneration: app.metadata.generation } });
      },
    }),
    defineController({
      id: "HealthController",
      for: APP,
      reconcile(ctx, req) {
        const app = ctx.get<App>(APP, req);
        if (!app) return;
        if (app.status?.health === "ok") return;
        ctx.updateStatus({ ...app, status: { ...app.status, health: "ok" } });
      },
    }),
  ],
  invariants: [
    {
      name: "the app config runs the app's version",
      check(view) {
        return (view.list(APP) as App[]).flatMap((app) => {
          const ns = app.metadata.namespace ?? "";
          const cm = view.get(CONFIGMAP, `${app.metadata.name}-config`, ns) as ConfigMap | null;
          return cm?.data?.version === app.spec?.version
            ? []
            : [
                {
                  message: `App ${ns}/${app.metadata.name} wants ${app.spec?.version}, its config says ${cm?.data?.version ?? "nothing"}`,
                  objects: [
                    { kind: APP, namespace: ns, name: app.metadata.name },
                    { kind: CONFIGMAP, namespace: ns, name: `${app.metadata.name}-config` },
                  ],
                },
              ];
        });
      },
    },
  ],
});
