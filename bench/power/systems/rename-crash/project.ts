/**
 * rename-crash (planted). SiteController serves a Site from a ConfigMap named by `spec.configName` and records the
 * one in use in `status.currentConfig`. Creating a Site writes twice (the ConfigMap, then status); renaming writes
 * three times (delete the old ConfigMap, create the new one, update status). The bug: the rename is only started
 * when the old ConfigMap still exists ("if the old one is there, move it"). If the manager dies after deleting the
 * old ConfigMap and before the new one is recorded, the restarted controller finds no old ConfigMap, concludes there
 * is nothing to move, and the Site keeps pointing at a ConfigMap that is gone. The twin (rename-crash-fixed) decides
 * from the desired name alone: it creates the desired ConfigMap if it is missing, deletes the old one if it is still
 * there, and then records the new name, so a restart at any point finishes the rename.
 */
import { defineController, defineProject, isAlreadyExists, isNotFound, type KubeObj } from "ctrlhunt";

const SITE = "demo.example/Site";
const CONFIGMAP = "core/ConfigMap";

type Site = KubeObj & {
  spec?: { configName?: string; content?: string };
  status?: { currentConfig?: string };
};

export default defineProject({
  name: "rename-crash",
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
        if (!ctx.get(CONFIGMAP, { namespace: req.namespace, name: current })) return;
        try {
          ctx.delete(CONFIGMAP, { namespace: req.namespace, name: current });
        } catch (e) {
          if (!isNotFound(e)) throw e;
        }
        ctx.create(config(desired));
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
