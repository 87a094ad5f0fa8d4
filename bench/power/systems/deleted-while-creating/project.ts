/**
 * deleted-while-creating (planted). TenantController gives every Tenant a cluster-scoped Namespace
 * `tenant-<name>` (a namespaced Tenant cannot own it, so cleanup is a finalizer's job). The bug: it creates the
 * Namespace first and adds its finalizer in the next reconcile, so a Tenant deleted between the two has no finalizer
 * yet, disappears at once, and leaves its Namespace behind for good. The twin (deleted-while-creating-fixed) adds the
 * finalizer before it creates anything, and never creates for a Tenant that is being deleted.
 */
import { defineController, defineProject, isNotFound, type KubeObj } from "ctrlhunt";

const TENANT = "demo.example/Tenant";
const NAMESPACE = "core/Namespace";
const FINALIZER = "demo.example/namespace-cleanup";
const TENANT_LABEL = "demo.example/tenant";

type Tenant = KubeObj & { status?: { namespace?: string } };

const nsName = (tenant: string) => `tenant-${tenant}`;

export default defineProject({
  name: "deleted-while-creating",
  controllers: [
    defineController({
      id: "TenantController",
      for: TENANT,
      watches: [
        {
          kind: NAMESPACE,
          map: (ns) => {
            const t = ns.metadata.labels?.[TENANT_LABEL];
            return t ? [{ namespace: "tenants", name: t }] : [];
          },
        },
      ],
      reconcile(ctx, req) {
        const t = ctx.get<Tenant>(TENANT, req);
        if (!t) return;
        const finalizers = t.metadata.finalizers ?? [];
        if (t.metadata.deletionTimestamp) {
          try {
            ctx.delete(NAMESPACE, { namespace: "", name: nsName(req.name) });
          } catch (e) {
            if (!isNotFound(e)) throw e;
          }
          ctx.update({
            ...t,
            metadata: { ...t.metadata, finalizers: finalizers.filter((f) => f !== FINALIZER) },
          });
          return;
        }
        if (!ctx.get(NAMESPACE, { namespace: "", name: nsName(req.name) })) {
          ctx.create({
            apiVersion: "v1",
            kind: "Namespace",
            metadata: { name: nsName(req.name), labels: { [TENANT_LABEL]: req.name } },
          });
          return;
        }
        if (!finalizers.includes(FINALIZER)) {
          ctx.update({ ...t, metadata: { ...t.metadata, finalizers: [...finalizers, FINALIZER] } });
          return;
        }
        if (t.status?.namespace !== nsName(req.name))
          ctx.updateStatus({ ...t, status: { namespace: nsName(req.name) } });
      },
    }),
  ],
  invariants: [
    {
      name: "every tenant namespace has its tenant",
      check(view) {
        return view
          .list(NAMESPACE)
          .filter((ns) => ns.metadata.labels?.[TENANT_LABEL])
          .filter((ns) => !view.get(TENANT, String(ns.metadata.labels?.[TENANT_LABEL]), "tenants"))
          .map((ns) => ({
            message: `Namespace ${ns.metadata.name} outlived tenant ${ns.metadata.labels?.[TENANT_LABEL]}`,
            objects: [{ kind: NAMESPACE, namespace: "", name: ns.metadata.name }],
          }));
      },
    },
  ],
});
