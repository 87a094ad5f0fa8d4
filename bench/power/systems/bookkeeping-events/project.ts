/**
 * bookkeeping-events (clean control; bookkeeping only). The bookkeeping-create-then-update system, plus Events:
 * SiteController records a core/v1 Event (`<site>.<unix-seconds hex>`, as client-go's recorder names them, reason
 * Created or Updated) each time it writes the Rollout. When the defaults land first the Rollout is created once
 * (one Event); when SiteController runs first it is created then updated (two Events, at other times). Every outcome
 * ends with the same Site and Rollout spec; they differ only in generation, observedGeneration, resourceVersion and
 * the Events recorded — which no owner counts as state. No invariant is declared.
 */
import { defineController, defineProject, isAlreadyExists, type KubeObj } from "ctrlhunt";

const SITE = "demo.example/Site";
const ROLLOUT = "demo.example/Rollout";

const EVENT = "core/Event";

type Site = KubeObj & { spec?: { image?: string; replicas?: number } };
type Rollout = KubeObj & {
  spec?: { image?: string; replicas?: number };
  status?: { observedGeneration?: number };
};

const record = (
  ctx: { now(): string; create(o: KubeObj): unknown },
  site: Site,
  reason: string,
  message: string,
) => {
  const t = ctx.now();
  const ns = site.metadata.namespace ?? "";
  const name = `${site.metadata.name}.${Math.floor(Date.parse(t) / 1000).toString(16)}`;
  try {
    ctx.create({
      apiVersion: "v1",
      kind: "Event",
      metadata: { name, namespace: ns },
      involvedObject: {
        apiVersion: "demo.example/v1",
        kind: "Site",
        name: site.metadata.name,
        namespace: ns,
      },
      reason,
      message,
      type: "Normal",
      firstTimestamp: t,
      lastTimestamp: t,
      count: 1,
      source: { component: "site-controller" },
    } as KubeObj);
  } catch (e) {
    if (!isAlreadyExists(e)) throw e;
  }
};

const desired = (site: Site) => {
  const spec: { image: string; replicas?: number } = { image: site.spec?.image ?? "nginx:1.27" };
  if (site.spec?.replicas !== undefined) spec.replicas = site.spec.replicas;
  return spec;
};

export default defineProject({
  name: "bookkeeping-events",
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
          record(ctx, site, "Created", `created Rollout ${req.name}`);
        } else if (JSON.stringify(ro.spec ?? {}) !== JSON.stringify(spec)) {
          ctx.update({ ...ro, spec });
          record(ctx, site, "Updated", `updated Rollout ${req.name}`);
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
