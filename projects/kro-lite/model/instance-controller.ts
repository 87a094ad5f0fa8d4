import { type ControllerDefinition, defineController, type KubeObj, type ReconcileContext } from "ctrlhunt";
import { isDeleting, keyOf, specOf, statusOf } from "../../_shared/objects.ts";
import { sameJson } from "../../_shared/stable.ts";
import { type DesiredChild, renderChildren } from "./children.ts";
import { instanceStatus } from "./instance-status.ts";
import { APPLICATION, DEPLOYMENT, INGRESS, RGD, RGD_LABEL, SERVICE, WAIT_FOR_GRAPH_MS } from "./kinds.ts";
import { type Members, membersOf, readMembers, sameMembers, withMembers } from "./members.ts";

export type KroVariant = "buggy" | "fixed";

/** Is the live child already what we would apply? (fixed variant: drift check against the informer view) */
function inSync(ctx: ReconcileContext, child: DesiredChild): boolean {
  const live = ctx.get(child.kind, keyOf(child.object));
  return live !== null && sameJson(specOf(live), child.object.spec);
}

/**
 * Which children to apply. Buggy: those whose recorded hash changed — the record says the rest were applied,
 * so a child lost to a crash after the record was written is never applied again (KRO K2b).
 * Fixed: every child that is missing or drifted in the view (idempotent re-apply).
 */
function toApply(ctx: ReconcileContext, variant: KroVariant, recorded: Members, desired: DesiredChild[]) {
  return variant === "buggy"
    ? desired.filter((c) => recorded[c.id]?.hash !== c.hash)
    : desired.filter((c) => !inSync(ctx, c));
}

/**
 * ApplicationController: kro's per-RGD instance controller. One reconcile is a multi-write sequence:
 *   1. patch the instance's applyset membership record (before applying, so a prune never misses a member),
 *   2..n. apply children in topological order (Deployment, Service, Ingress),
 *   n+1. prune members no longer desired, then update the instance status.
 */
export function instanceController(variant: KroVariant): ControllerDefinition {
  return defineController({
    id: "ApplicationController",
    for: APPLICATION,
    owns: [DEPLOYMENT, SERVICE, INGRESS],
    reads: [RGD],
    reconcile(ctx, req) {
      const app = ctx.get(APPLICATION, req);
      if (!app || isDeleting(app)) return {};
      const rgdName = app.metadata.labels?.[RGD_LABEL];
      const rgd = rgdName ? ctx.get(RGD, { namespace: "", name: rgdName }) : null;
      if (!rgd || statusOf(rgd).state !== "Active") return { requeueAfterMs: WAIT_FOR_GRAPH_MS };

      const desired = renderChildren(app, rgd);
      const recorded = readMembers(app);
      const next = membersOf(desired);
      let parent: KubeObj = app;
      if (!sameMembers(recorded, next)) parent = ctx.patch(withMembers(app, next));
      for (const child of toApply(ctx, variant, recorded, desired)) ctx.apply(child.object);
      for (const [id, m] of Object.entries(recorded)) {
        if (next[id]) continue;
        if (ctx.get(m.kind, { namespace: req.namespace, name: m.name }))
          ctx.delete(m.kind, { namespace: req.namespace, name: m.name });
      }
      const status = instanceStatus(ctx, app, desired);
      if (!sameJson(status, app.status)) ctx.updateStatus({ ...parent, status });
      return {};
    },
  });
}
