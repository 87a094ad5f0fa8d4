/**
 * field-fight-log-level (planted). Two controllers write the same field, `data.level` of the ConfigMap
 * apps/app-logging that the app reads its log level from: PolicyController copies the team's LogPolicy
 * (`spec.level`), DebugController sets `debug` while a DebugSession exists. Each patches only that one key, so no
 * write is lost to a stale copy, but the field has two owners and neither looks at the other's source: whoever
 * writes last wins. A policy change handled after a debug session started silently ends the debugging (level back
 * to the policy's) while the session is still open. The twin (field-fight-log-level-fixed) gives the field one
 * owner: LogLevelController computes the level from both sources (debug while a session exists, else the policy)
 * and is triggered by both.
 */
import { defineController, defineProject, type KubeObj, type ReconcileContext } from "ctrlhunt";

const POLICY = "demo.example/LogPolicy";
const SESSION = "demo.example/DebugSession";
const CONFIGMAP = "core/ConfigMap";
const TARGET = { namespace: "apps", name: "app-logging" };

type Policy = KubeObj & { spec?: { level?: string } };
type ConfigMap = KubeObj & { data?: Record<string, string> };

function setLevel(ctx: ReconcileContext, level: string) {
  const cm = ctx.get<ConfigMap>(CONFIGMAP, TARGET);
  if (cm?.data?.level === level) return;
  ctx.patch({ apiVersion: "v1", kind: "ConfigMap", metadata: { ...TARGET }, data: { level } });
}

export default defineProject({
  name: "field-fight-log-level",
  controllers: [
    defineController({
      id: "PolicyController",
      for: POLICY,
      reads: [CONFIGMAP],
      reconcile(ctx, req) {
        const policy = ctx.get<Policy>(POLICY, req);
        if (policy?.spec?.level) setLevel(ctx, policy.spec.level);
      },
    }),
    defineController({
      id: "DebugController",
      for: SESSION,
      reads: [CONFIGMAP],
      reconcile(ctx, req) {
        if (ctx.get(SESSION, req)) setLevel(ctx, "debug");
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
