/**
 * observed-generation (planted). RolloutController renders an App's spec.version into the ConfigMap
 * `<app>-config` and records `status.observedGeneration` when done; it skips Apps whose observedGeneration already
 * equals their generation. HealthController reports `status.health`. The bug: HealthController also stamps
 * `status.observedGeneration = metadata.generation` ("I have looked at this generation"), so when it runs first after
 * a spec change, RolloutController believes the new generation was already rolled out and the ConfigMap keeps the old
 * version. The twin (observed-generation-fixed) leaves observedGeneration to the controller that acts on the spec.
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
  name: "observed-generation",
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
        const status = { ...app.status, health: "ok", observedGeneration: app.metadata.generation };
        if (
          app.status?.health === status.health &&
          app.status?.observedGeneration === status.observedGeneration
        )
          return;
        ctx.updateStatus({ ...app, status });
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
