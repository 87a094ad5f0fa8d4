/**
 * clean-conflict-retry (clean control). QuotaController mirrors a Quota's `spec.limit` into `status.enforced` with
 * an optimistic status update (the resourceVersion it read). When a user edits the spec at the same moment, the
 * update fails with Conflict, the reconcile returns the error, and the retry reads the new spec. No bug is planted;
 * the invariant says what must hold once things settle.
 */
import { defineController, defineProject, type KubeObj } from "ctrlhunt";

const QUOTA = "demo.example/Quota";

type Quota = KubeObj & { spec?: { limit?: number }; status?: { enforced?: number } };

export default defineProject({
  name: "clean-conflict-retry",
  controllers: [
    defineController({
      id: "QuotaController",
      for: QUOTA,
      reconcile(ctx, req) {
        const q = ctx.get<Quota>(QUOTA, req);
        if (!q || q.status?.enforced === q.spec?.limit) return;
        ctx.updateStatus({ ...q, status: { enforced: q.spec?.limit } });
      },
    }),
  ],
  invariants: [
    {
      name: "the enforced limit is the requested limit",
      check(view) {
        return (view.list(QUOTA) as Quota[])
          .filter((q) => q.status?.enforced !== q.spec?.limit)
          .map((q) => ({
            message: `Quota ${q.metadata.namespace}/${q.metadata.name} enforces ${q.status?.enforced}, requests ${q.spec?.limit}`,
            objects: [{ kind: QUOTA, namespace: q.metadata.namespace ?? "", name: q.metadata.name }],
          }));
      },
    },
  ],
});
