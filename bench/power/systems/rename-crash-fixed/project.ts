/**
 * rename-crash-fixed (twin of rename-crash). The rename is decided from the desired name alone: create the desired
 * ConfigMap if missing, delete the old one if it is still there, then record the new name. A restart after a crash at
 * any point of the rename finishes it.
 */
import { defineController, defineProject, isAlreadyExists, isNotFound, type KubeObj } from "ctrlhunt";

const SITE = "demo.example/Site";
const CONFIGMAP = "core/ConfigMap";

type Site = KubeObj & {
  spec?: { configName?: string; content?: string };
  status?: { currentConfig?: string };
};

export default defineProject({
  name: "rename-crash-fixed",
  controllers: [
    defineController({
      id: "SiteController",
      for: SITE,
      owns: [CONFIGMAP],
      reconcile(ctx, req) {
        const site = ctx.get<Site>(SITE, req);
        const desired = site?.spec?.configName;
        if (!site || !desired) return;
        const current = site.status?.currentConfig;
        const config = (name: string): KubeObj => ({
          apiVersion: "v1",
          kind: "ConfigMap",
          metadata: {
            name,
            namespace: req.namespace,
            ownerReferences: [
              { apiVersion: "demo.example/v1", kind: "Site", name: req.name, controller: true },
            ],
          },
          data: { content: site.spec?.content ?? "" },
        });
        if (!current) {
          try {
            ctx.create(config(desired));
          } catch (e) {
            if (!isAlreadyExists(e)) throw e;
          }
          ctx.updateStatus({ ...site, status: { currentConfig: desired } });
          return;
        }
        if (current === desired) return;
        try {
          ctx.create(config(desired));
        } catch (e) {
          if (!isAlreadyExists(e)) throw e;
        }
        try {
          ctx.delete(CONFIGMAP, { namespace: req.namespace, name: current });
        } catch (e) {
          if (!isNotFound(e)) throw e;
        }
        ctx.updateStatus({ ...site, status: { currentConfig: desired } });
      },
    }),
  ],
  invariants: [
    {
      name: "a site serves its configured ConfigMap",
      check(view) {
        return (view.list(SITE) as Site[]).flatMap((s) => {
          const ns = s.metadata.namespace ?? "";
          const want = s.spec?.configName;
          const ok = want && s.status?.currentConfig === want && view.get(CONFIGMAP, want, ns);
          return ok
            ? []
            : [
                {
                  message: `Site ${ns}/${s.metadata.name} wants ${want}, serves ${s.status?.currentConfig ?? "nothing"}`,
                  objects: [{ kind: SITE, namespace: ns, name: s.metadata.name }],
                },
              ];
        });
      },
    },
  ],
});
