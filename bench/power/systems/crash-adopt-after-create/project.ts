/**
 * crash-adopt-after-create (planted). PreviewController renders each PreviewEnv's routes into a ConfigMap
 * `<env>-routes` (labelled with the env) through a renderer that knows nothing about owners, then adopts it: a
 * second write patches in the ownerReference, so that the garbage collector removes the routes with the env. The
 * bug: adoption happens only right after the create ("if it is missing, create and adopt"). If the manager dies
 * between the two writes, the restarted controller sees the ConfigMap, has nothing to do, and the routes stay
 * unowned: when the env is deleted the garbage collector has nothing to follow and the routes leak for good. The
 * twin (crash-adopt-after-create-fixed) adopts whenever the ConfigMap it finds carries no ownerReference.
 */
import { defineController, defineProject, isAlreadyExists, type KubeObj } from "ctrlhunt";

const ENV = "demo.example/PreviewEnv";
const CONFIGMAP = "core/ConfigMap";
const ENV_LABEL = "demo.example/preview-env";

type PreviewEnv = KubeObj & { spec?: { branch?: string } };

export default defineProject({
  name: "crash-adopt-after-create",
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
        if (!ctx.get(CONFIGMAP, key)) {
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
          adopt(); // BUG: the only place that adopts
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
