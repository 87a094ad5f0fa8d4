/**
 * wider-config-reloader (clean control, wider: a probe of how the hunt's cost grows with independent objects).
 * Stakater-Reloader-like, four apps (a ConfigMap and a Deployment each), two controllers: Reloader (a Deployment
 * annotated `reloader.demo/configmap: <name>` carries the hash of that ConfigMap's data, keys sorted, in its pod
 * template annotation `reloader.demo/config-hash`, written with a merge patch of that one key; ConfigMap changes are
 * mapped to the Deployment through the ConfigMap's `app` label) and RolloutController (a Deployment's status
 * records the generation it rolled out and the hash of the template it runs). One user action edits one app's
 * ConfigMap. No bug is planted and there is one outcome: every Deployment runs a template carrying its ConfigMap's
 * current hash. Four apps that race independently: every ordering of their reconciles ends alike.
 */
import { defineController, defineProject, type KubeObj } from "ctrlhunt";

const DEPLOY = "apps/Deployment";
const CM = "core/ConfigMap";
const CONFIGMAP_ANN = "reloader.demo/configmap";
const HASH_ANN = "reloader.demo/config-hash";

type Template = {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: unknown;
};
type Deployment = KubeObj & {
  spec?: { replicas?: number; template?: Template };
  status?: { observedGeneration?: number; templateHash?: string };
};
type ConfigMap = KubeObj & { data?: Record<string, string> };

const fnv = (s: string) => {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, "0");
};
const sorted = (o: Record<string, string> = {}) =>
  JSON.stringify(
    Object.keys(o)
      .sort()
      .map((k) => [k, o[k]]),
  );
const canonical = (v: unknown): string =>
  Array.isArray(v)
    ? `[${v.map(canonical).join(",")}]`
    : v && typeof v === "object"
      ? `{${Object.keys(v as object)
          .sort()
          .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
          .join(",")}}`
      : JSON.stringify(v);
const configHash = (cm: ConfigMap) => fnv(sorted(cm.data));
const templateHash = (d: Deployment) => fnv(canonical(d.spec?.template ?? {}));

export default defineProject({
  name: "wider-config-reloader",
  controllers: [
    defineController({
      id: "Reloader",
      for: DEPLOY,
      watches: [
        {
          kind: CM,
          map: (o) =>
            o.metadata.labels?.app
              ? [{ namespace: o.metadata.namespace ?? "", name: o.metadata.labels.app }]
              : [],
        },
      ],
      reconcile(ctx, req) {
        const d = ctx.get<Deployment>(DEPLOY, req);
        const cmName = d?.metadata.annotations?.[CONFIGMAP_ANN];
        if (!d || !cmName) return;
        const cm = ctx.get<ConfigMap>(CM, { namespace: req.namespace, name: cmName });
        if (!cm) return; // its creation is mapped to us through the `app` label
        const hash = configHash(cm);
        if (d.spec?.template?.metadata?.annotations?.[HASH_ANN] === hash) return;
        ctx.patch({
          apiVersion: "apps/v1",
          kind: "Deployment",
          metadata: { name: req.name, namespace: req.namespace },
          spec: { template: { metadata: { annotations: { [HASH_ANN]: hash } } } },
        });
      },
    }),
    defineController({
      id: "RolloutController",
      for: DEPLOY,
      reconcile(ctx, req) {
        const d = ctx.get<Deployment>(DEPLOY, req);
        if (!d) return;
        const status = { observedGeneration: d.metadata.generation, templateHash: templateHash(d) };
        if (
          d.status?.observedGeneration === status.observedGeneration &&
          d.status?.templateHash === status.templateHash
        )
          return;
        ctx.patchStatus({
          apiVersion: "apps/v1",
          kind: "Deployment",
          metadata: { name: req.name, namespace: req.namespace },
          status,
        });
      },
    }),
  ],
  invariants: [
    {
      name: "every Deployment runs its ConfigMap's current hash",
      check(view) {
        return (view.list(DEPLOY) as Deployment[]).flatMap((d) => {
          const ns = d.metadata.namespace ?? "";
          const cmName = d.metadata.annotations?.[CONFIGMAP_ANN];
          if (!cmName) return [];
          const cm = view.get(CM, cmName, ns) as ConfigMap | null;
          const want = cm ? configHash(cm) : undefined;
          const have = d.spec?.template?.metadata?.annotations?.[HASH_ANN];
          if (
            want &&
            have === want &&
            d.status?.templateHash === templateHash(d) &&
            d.status.observedGeneration === d.metadata.generation
          )
            return [];
          return [
            {
              message: `Deployment ${ns}/${d.metadata.name}: template hash ${have ?? "none"}, ConfigMap ${cmName} hash ${want ?? "missing"}, rolled out ${d.status?.templateHash ?? "nothing"} (generation ${d.status?.observedGeneration ?? 0}/${d.metadata.generation})`,
              objects: [
                { kind: DEPLOY, namespace: ns, name: d.metadata.name },
                { kind: CM, namespace: ns, name: cmName },
              ],
            },
          ];
        });
      },
    },
  ],
});
