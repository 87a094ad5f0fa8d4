/**
 * crash-stale-lock-fixed (twin of crash-stale-lock). BackupController serialises Backups of one volume with a lock
 * ConfigMap `lock-<volume>` (data.holder = the Backup holding it): take the lock, write the archive ConfigMap
 * `<backup>-archive`, mark the Backup Completed, release the lock and hand over to the Backups waiting for the
 * volume. Fixed: a Backup waits only for a lock held by another Backup; after a crash between taking the lock and
 * completing, the restarted controller finds its own lock, finishes the archive (AlreadyExists counts as done),
 * completes and releases.
 */
import { defineController, defineProject, isAlreadyExists, isNotFound, type KubeObj } from "ctrlhunt";

const BACKUP = "demo.example/Backup";
const CONFIGMAP = "core/ConfigMap";

type Lock = KubeObj & { data?: { holder?: string } };
type Backup = KubeObj & { spec?: { volume?: string }; status?: { phase?: string } };

export default defineProject({
  name: "crash-stale-lock-fixed",
  controllers: [
    defineController({
      id: "BackupController",
      for: BACKUP,
      owns: [CONFIGMAP],
      reconcile(ctx, req) {
        const b = ctx.get<Backup>(BACKUP, req);
        if (!b || !b.spec?.volume) return;
        const lockKey = { namespace: req.namespace, name: `lock-${b.spec.volume}` };
        const lock = ctx.get<Lock>(CONFIGMAP, lockKey);
        if (b.status?.phase === "Completed") {
          if (lock?.data?.holder === req.name) release();
          return;
        }
        if (lock && lock.data?.holder !== req.name) return; // fixed: its own lock is no reason to wait
        if (!lock) {
          try {
            ctx.create({
              apiVersion: "v1",
              kind: "ConfigMap",
              metadata: lockKey,
              data: { holder: req.name },
            });
          } catch (e) {
            if (isAlreadyExists(e))
              throw new Error(`lock ${lockKey.name} taken meanwhile; re-read its holder`);
            throw e;
          }
        }
        try {
          ctx.create({
            apiVersion: "v1",
            kind: "ConfigMap",
            metadata: {
              name: `${req.name}-archive`,
              namespace: req.namespace,
              ownerReferences: [
                { apiVersion: "demo.example/v1", kind: "Backup", name: req.name, controller: true },
              ],
            },
            data: { volume: b.spec.volume, snapshot: `${b.spec.volume}@${req.name}` },
          });
        } catch (e) {
          if (!isAlreadyExists(e)) throw e;
        }
        ctx.updateStatus({ ...b, status: { phase: "Completed" } });
        release();

        function release() {
          try {
            ctx.delete(CONFIGMAP, lockKey);
          } catch (e) {
            if (!isNotFound(e)) throw e;
          }
          for (const w of ctx.list<Backup>(BACKUP, { namespace: req.namespace }))
            if (
              w.metadata.name !== req.name &&
              w.spec?.volume === b?.spec?.volume &&
              w.status?.phase !== "Completed"
            )
              ctx.enqueue("BackupController", { namespace: req.namespace, name: w.metadata.name });
        }
      },
    }),
  ],
  invariants: [
    {
      name: "every backup completes",
      check(view) {
        return (view.list(BACKUP) as Backup[])
          .filter((b) => b.status?.phase !== "Completed")
          .map((b) => ({
            message: `Backup ${b.metadata.namespace}/${b.metadata.name} never completed`,
            objects: [{ kind: BACKUP, namespace: b.metadata.namespace ?? "", name: b.metadata.name }],
          }));
      },
    },
  ],
});
