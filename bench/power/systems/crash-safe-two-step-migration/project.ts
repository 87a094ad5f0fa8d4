/**
 * crash-safe-two-step-migration (clean control). A Migration moves a settings ConfigMap to a new name in two steps
 * with a status marker: step 1 copies `spec.from` into `spec.to` (create, or update when the data differs) and sets
 * `status.step = "copied"`; step 2 deletes `spec.from` (NotFound counts as done) and sets `status.step = "done"`.
 * Both steps run in one reconcile, so a crash can cut it after any of the four writes. The marker is written only
 * after its step, and each step is safe to re-run: a restart before "copied" copies again from the source, which
 * still exists; a restart after "copied" only deletes (again) and marks done. No bug is planted.
 */
import { defineController, defineProject, isAlreadyExists, isNotFound, type KubeObj } from "ctrlhunt";

const MIGRATION = "demo.example/Migration";
const CONFIGMAP = "core/ConfigMap";

type Migration = KubeObj & { spec?: { from?: string; to?: string }; status?: { step?: string } };

export default defineProject({
  name: "crash-safe-two-step-migration",
  controllers: [
    defineController({
      id: "MigrationController",
      for: MIGRATION,
      reads: [CONFIGMAP],
      reconcile(ctx, req) {
        const m = ctx.get<Migration>(MIGRATION, req);
        if (!m || !m.spec?.from || !m.spec?.to) return;
        const from = { namespace: req.namespace, name: m.spec.from };
        const to = { namespace: req.namespace, name: m.spec.to };
        const step = m.status?.step;
        if (step === "done") return;
        let cur: Migration = m;
        if (step !== "copied") {
          const src = ctx.get(CONFIGMAP, from);
          if (!src) throw new Error(`source ConfigMap ${from.name} not found before the copy`);
          const dst = ctx.get(CONFIGMAP, to);
          if (!dst) {
            try {
              ctx.create({ apiVersion: "v1", kind: "ConfigMap", metadata: to, data: src.data ?? {} });
            } catch (e) {
              if (!isAlreadyExists(e)) throw e;
              throw new Error(`target ConfigMap ${to.name} appeared; retry to compare it`);
            }
          } else if (JSON.stringify(dst.data ?? {}) !== JSON.stringify(src.data ?? {})) {
            ctx.update({ ...dst, data: src.data ?? {} });
          }
          cur = { ...m, status: { step: "copied" } };
          ctx.updateStatus(cur); // the caller's object gets the new resourceVersion
        }
        try {
          ctx.delete(CONFIGMAP, from);
        } catch (e) {
          if (!isNotFound(e)) throw e;
        }
        ctx.updateStatus({ ...cur, status: { step: "done" } });
      },
    }),
  ],
});
