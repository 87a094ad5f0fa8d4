/**
 * crash-adopt-after-create-fixed (twin of crash-adopt-after-create). PreviewController renders each PreviewEnv's
 * routes into a ConfigMap `<env>-routes` through a renderer that knows nothing about owners, then adopts it with a
 * second write that patches in the ownerReference. Fixed: adoption is level-triggered — whenever the ConfigMap it
 * finds carries no ownerReference it is adopted — so a crash between the create and the adoption is healed by the
 * restart, and the garbage collector removes the routes with the env.
 */
import { defineController, defineProject, isAlreadyExists, type KubeObj } from "ctrlhunt";

const ENV = "demo.example/PreviewEnv";
const CONFIGMAP = "core/ConfigMap";
const ENV_LABEL = "demo.example/preview-env";

type PreviewEnv = KubeObj & { spec?: { branch?: string } };

export default defineProject({
  name: "crash-adopt-after-create-fixed",
  controllers: [
    defineController({
      id: "PreviewController",
      for: ENV,
      owns: [CONFIGMAP],
      reconcile(ctx, req) {
        const env = ctx.get<PreviewEnv>(ENV, req);
        if (!env || env.metadata.deletionTimestamp) return;
        const key = { namespace: req.namespace, name: `${req.name}-routes` };
        const adopt = () =>
          ctx.patch({
            apiVersion: "v1",
            kind: "ConfigMap",
            metadata: {
              ...key,
              ownerReferences: [
                { apiVersion: "demo.example/v1", kind: "PreviewEnv", name: req.name, controller: true },
              ],
            },
          });
        const cm = ctx.get(CONFIGMAP, key);
        if (!cm) {
          try {
            ctx.create({
              apiVersion: "v1",
              kind: "ConfigMap",
              metadata: { ...key, labels: { [ENV_LABEL]: req.name } },
              data: { host: `${env.spec?.branch ?? req.name}.preview.example.com` },
            });
          } catch (e) {
            if (!isAlreadyExists(e)) throw e;
          }
          adopt();
        } else if (
          !(cm.metadata.ownerReferences ?? []).some((o) => o.kind === "PreviewEnv" && o.name === req.name)
        ) {
          adopt(); // fixed: adopt whatever it finds unowned
        }
      },
    }),
  ],
  invariants: [
    {
      name: "no preview routes outlive their env",
      check(view) {
        return view
          .list(CONFIGMAP)
          .filter((cm) => cm.metadata.labels?.[ENV_LABEL])
          .filter((cm) => !view.get(ENV, String(cm.metadata.labels?.[ENV_LABEL]), cm.metadata.namespace))
          .map((cm) => ({
            message: `ConfigMap ${cm.metadata.namespace}/${cm.metadata.name} outlived its preview env`,
            objects: [{ kind: CONFIGMAP, namespace: cm.metadata.namespace ?? "", name: cm.metadata.name }],
          }));
      },
    },
  ],
});
