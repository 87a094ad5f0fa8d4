/**
 * bookkeeping-create-then-update (clean control; bookkeeping only). DefaultsController fills in a Site's
 * `spec.replicas` (2) when the user left it out. SiteController renders each Site into a custom Rollout `<site>`
 * with the Site's image and replicas (replicas omitted while the Site has none), updating it when it differs.
 * RolloutStatusController mirrors each Rollout's `metadata.generation` into `status.observedGeneration`. When the
 * defaults land first, the Rollout is created once with replicas 2 (generation 1); when SiteController runs first,
 * it is created without replicas and then updated to replicas 2 (generation 2, observedGeneration 2). Every outcome
 * ends with the same spec; only generation, observedGeneration and resourceVersion differ. No invariant is declared.
 */
import { defineController, defineProject, isAlreadyExists, type KubeObj } from "ctrlhunt";

const SITE = "demo.example/Site";
const ROLLOUT = "demo.example/Rollout";

type Site = KubeObj & { spec?: { image?: string; replicas?: number } };
type Rollout = KubeObj & {
  spec?: { image?: string; replicas?: number };
  status?: { observedGeneration?: number };
};

const desired = (site: Site) => {
  const spec: { image: string; replicas?: number } = { image: site.spec?.image ?? "nginx:1.27" };
  if (site.spec?.replicas !== undefined) spec.replicas = site.spec.replicas;
  return spec;
};

export default defineProject({
  name: "bookkeeping-create-then-update",
  controllers: [
    defineController({
      id: "DefaultsController",
      for: SITE,
      reconcile(ctx, req) {
        const site = ctx.get<Site>(SITE, req);
        if (!site || site.spec?.replicas !== undefined) return;
        ctx.update({ ...site, spec: { ...site.spec, replicas: 2 } });
      },
    }),
    defineController({
      id: "SiteController",
      for: SITE,
      owns: [ROLLOUT],
      reconcile(ctx, req) {
        const site = ctx.get<Site>(SITE, req);
        if (!site || site.metadata.deletionTimestamp) return;
        const spec = desired(site);
        const ro = ctx.get<Rollout>(ROLLOUT, req);
        if (!ro) {
          try {
            ctx.create({
              apiVersion: "demo.example/v1",
              kind: "Rollout",
              metadata: {
                name: req.name,
                namespace: req.namespace,
                ownerReferences: [
                  { apiVersion: "demo.example/v1", kind: "Site", name: req.name, controller: true },
                ],
              },
              spec,
            });
          } catch (e) {
            if (!isAlreadyExists(e)) throw e;
          }
        } else if (JSON.stringify(ro.spec ?? {}) !== JSON.stringify(spec)) {
          ctx.update({ ...ro, spec });
        }
      },
    }),
    defineController({
      id: "RolloutStatusController",
      for: ROLLOUT,
      reconcile(ctx, req) {
        const ro = ctx.get<Rollout>(ROLLOUT, req);
        if (!ro || ro.status?.observedGeneration === ro.metadata.generation) return;
        ctx.updateStatus({ ...ro, status: { observedGeneration: ro.metadata.generation } });
      },
    }),
  ],
});
