/**
 * mark-then-act-fixed (twin of mark-then-act). BackupController copies the source first and marks the Backup
 * Completed only after the copy exists (in the same reconcile), so RetentionController never sees Completed before
 * the data is safe. A crash between the copy and the mark is healed by the restart: the copy exists, the mark follows.
 */
import { defineController, defineProject, isAlreadyExists, type KubeObj } from "ctrlhunt";

const BACKUP = "demo.example/Backup";
const CONFIGMAP = "core/ConfigMap";

type Backup = KubeObj & { spec?: { source?: string }; status?: { phase?: string } };
type ConfigMap = KubeObj & { data?: Record<string, string> };

const copyName = (b: KubeObj) => `${b.metadata.name}-copy`;

export default defineProject({
  name: "mark-then-act-fixed",
  controllers: [
    defineController({
      id: "BackupController",
      for: BACKUP,
      owns: [CONFIGMAP],
      reads: [CONFIGMAP],
      reconcile(ctx, req) {
        const b = ctx.get<Backup>(BACKUP, req);
        if (!b?.spec?.source) return;
        if (b.status?.phase === "Completed") return;
        const src = ctx.get<ConfigMap>(CONFIGMAP, { namespace: req.namespace, name: b.spec.source });
        if (!ctx.get(CONFIGMAP, { namespace: req.namespace, name: copyName(b) })) {
          if (!src) return { requeueAfterMs: 60_000 };
          try {
            ctx.create({
              apiVersion: "v1",
              kind: "ConfigMap",
              metadata: {
                name: copyName(b),
                namespace: req.namespace,
                ownerReferences: [
                  { apiVersion: "demo.example/v1", kind: "Backup", name: req.name, controller: true },
                ],
              },
              data: { ...(src.data ?? {}) },
            });
          } catch (e) {
            if (!isAlreadyExists(e)) throw e;
          }
        }
        ctx.updateStatus({ ...b, status: { phase: "Completed" } });
      },
    }),
    defineController({
      id: "RetentionController",
      for: BACKUP,
      reconcile(ctx, req) {
        const b = ctx.get<Backup>(BACKUP, req);
        if (b?.status?.phase !== "Completed" || !b.spec?.source) return;
        if (!ctx.get(CONFIGMAP, { namespace: req.namespace, name: b.spec.source })) return;
        ctx.delete(CONFIGMAP, { namespace: req.namespace, name: b.spec.source });
      },
    }),
  ],
  invariants: [
    {
      name: "a completed backup holds the source data",
      check(view) {
        return (view.list(BACKUP) as Backup[])
          .filter((b) => b.status?.phase === "Completed")
          .flatMap((b) => {
            const ns = b.metadata.namespace ?? "";
            const copy = view.get(CONFIGMAP, copyName(b), ns) as ConfigMap | null;
            return copy && Object.keys(copy.data ?? {}).length > 0
              ? []
              : [
                  {
                    message: `Backup ${ns}/${b.metadata.name} is Completed but its copy is ${copy ? "empty" : "missing"}`,
                    objects: [
                      { kind: BACKUP, namespace: ns, name: b.metadata.name },
                      { kind: CONFIGMAP, namespace: ns, name: copyName(b) },
                    ],
                  },
                ];
          });
      },
    },
  ],
});
