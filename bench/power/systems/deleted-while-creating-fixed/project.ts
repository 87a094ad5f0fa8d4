/**
 * deleted-while-creating-fixed (twin of deleted-while-creating). TenantController adds its finalizer before it
 * creates the Namespace, and a Tenant being deleted only gets cleaned up, so a deletion at any moment either finds
 * nothing created yet or finds the finalizer that removes the Namespace.
 */
import { defineController, defineProject, isNotFound, type KubeObj } from "ctrlhunt";

const TENANT = "demo.example/Tenant";
const NAMESPACE = "core/Namespace";
const FINALIZER = "demo.example/namespace-cleanup";
const TENANT_LABEL = "demo.example/tenant";

type Tenant = KubeObj & { status?: { namespace?: string } };

const nsName = (tenant: string) => `tenant-${tenant}`;

export default defineProject({
  name: "deleted-while-creating-fixed",
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
        if (!finalizers.includes(FINALIZER)) {
          ctx.update({ ...t, metadata: { ...t.metadata, finalizers: [...finalizers, FINALIZER] } });
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
