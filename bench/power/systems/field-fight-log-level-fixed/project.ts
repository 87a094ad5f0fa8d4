/**
 * field-fight-log-level-fixed (twin of field-fight-log-level). The ConfigMap apps/app-logging's `data.level` has
 * one owner: LogLevelController computes it from both sources (debug while a DebugSession exists in the
 * namespace, else the LogPolicy's level) and is triggered by a change to either, so the order in which a policy
 * change and a debug session are handled does not change the outcome.
 */
import { defineController, defineProject, type KubeObj } from "ctrlhunt";

const POLICY = "demo.example/LogPolicy";
const SESSION = "demo.example/DebugSession";
const CONFIGMAP = "core/ConfigMap";
const TARGET = { namespace: "apps", name: "app-logging" };

type Policy = KubeObj & { spec?: { level?: string } };
type ConfigMap = KubeObj & { data?: Record<string, string> };

export default defineProject({
  name: "field-fight-log-level-fixed",
  controllers: [
    defineController({
      id: "LogLevelController",
      for: POLICY,
      watches: [{ kind: SESSION, map: (s) => [{ namespace: s.metadata.namespace ?? "", name: "default" }] }],
      reads: [CONFIGMAP],
      reconcile(ctx, req) {
        const policy = ctx.get<Policy>(POLICY, req);
        if (!policy?.spec?.level) return;
        const debugging = ctx.list(SESSION, { namespace: req.namespace }).length > 0;
        const level = debugging ? "debug" : policy.spec.level;
        const cm = ctx.get<ConfigMap>(CONFIGMAP, TARGET);
        if (cm?.data?.level === level) return;
        ctx.patch({ apiVersion: "v1", kind: "ConfigMap", metadata: { ...TARGET }, data: { level } });
      },
    }),
  ],
  invariants: [
    {
      name: "the app logs at debug level while a debug session is open",
      check(view) {
        if (view.list(SESSION, { namespace: "apps" }).length === 0) return [];
        const cm = view.get(CONFIGMAP, TARGET.name, TARGET.namespace) as ConfigMap | null;
        return cm?.data?.level === "debug"
          ? []
          : [
              {
                message: `a debug session is open but apps/app-logging has level ${cm?.data?.level ?? "none"}`,
                objects: [{ kind: CONFIGMAP, ...TARGET }],
              },
            ];
      },
    },
  ],
});
