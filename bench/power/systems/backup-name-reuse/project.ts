/**
 * backup-name-reuse (planted). A Velero-like backup operator, three controllers: LocationController (a
 * BackupStorageLocation becomes Available), BackupController (for an Available location it starts a batch Job
 * `<backup>-job`, owned by the Backup, that writes snapshot `snap-<first 8 chars of the Backup's uid>` into
 * `backup-store`; when the Job has succeeded it marks the Backup Completed and records the snapshot) and JobRunner
 * (runs a Job: writes its snapshot, stamped with the Backup uid it was started for, then marks the Job succeeded).
 * The bug: BackupController finds its Job by name only. When a Backup is deleted and created again under the same
 * name (a nightly re-run), the old incarnation's Job is still there until the garbage collector removes it; a
 * reconcile of the new Backup in between finds the old, succeeded Job and marks the new Backup Completed with the
 * old snapshot, which was never taken for it (controller-runtime's `metav1.IsControlledBy` compares UIDs for that
 * reason). The twin (backup-name-reuse-fixed) checks that the Job's controller reference carries the Backup's uid;
 * a Job of an earlier incarnation is waited out with an error (requeue) until garbage collection removes it.
 */
import { defineController, defineProject, isAlreadyExists, type KubeObj } from "ctrlhunt";

const FIXED = false;

const BSL = "velero.demo/BackupStorageLocation";
const BACKUP = "velero.demo/Backup";
const JOB = "batch/Job";
const CM = "core/ConfigMap";
const STORE_NS = "backup-store";
const SNAPSHOT_ANN = "velero.demo/snapshot";
const BACKUP_UID_ANN = "velero.demo/backup-uid";

type Location = KubeObj & { status?: { phase?: string } };
type Backup = KubeObj & {
  spec?: { storageLocation?: string; includedNamespaces?: string[] };
  status?: { phase?: string; snapshot?: string };
};
type Job = KubeObj & { status?: { succeeded?: number } };
type Snapshot = KubeObj & { data?: Record<string, string> };

const snapshotName = (uid: string) => `snap-${uid.slice(0, 8)}`;

export default defineProject({
  name: FIXED ? "backup-name-reuse-fixed" : "backup-name-reuse",
  controllers: [
    defineController({
      id: "LocationController",
      for: BSL,
      reconcile(ctx, req) {
        const bsl = ctx.get<Location>(BSL, req);
        if (!bsl || bsl.status?.phase === "Available") return;
        ctx.patchStatus({
          apiVersion: "velero.demo/v1",
          kind: "BackupStorageLocation",
          metadata: { name: req.name, namespace: req.namespace },
          status: { phase: "Available" },
        });
      },
    }),
    defineController({
      id: "BackupController",
      for: BACKUP,
      owns: [JOB],
      reads: [BSL],
      reconcile(ctx, req) {
        const backup = ctx.get<Backup>(BACKUP, req);
        if (!backup || backup.metadata.deletionTimestamp || backup.status?.phase === "Completed") return;
        const uid = backup.metadata.uid as string;
        const bsl = ctx.get<Location>(BSL, {
          namespace: req.namespace,
          name: backup.spec?.storageLocation ?? "default",
        });
        if (bsl?.status?.phase !== "Available")
          throw new Error(`storage location ${backup.spec?.storageLocation} not available yet`);
        const jobName = `${req.name}-job`;
        const job = ctx.get<Job>(JOB, { namespace: req.namespace, name: jobName });
        if (!job) {
          try {
            ctx.create({
              apiVersion: "batch/v1",
              kind: "Job",
              metadata: {
                name: jobName,
                namespace: req.namespace,
                annotations: { [SNAPSHOT_ANN]: snapshotName(uid), [BACKUP_UID_ANN]: uid },
                ownerReferences: [
                  { apiVersion: "velero.demo/v1", kind: "Backup", name: req.name, uid, controller: true },
                ],
              },
              spec: {
                template: {
                  spec: {
                    containers: [
                      {
                        name: "velero",
                        image: "velero/velero:1.14",
                        args: ["backup", ...(backup.spec?.includedNamespaces ?? [])],
                      },
                    ],
                  },
                },
              },
            });
          } catch (e) {
            if (isAlreadyExists(e)) throw new Error(`job ${jobName} exists but is not in the cache yet`);
            throw e;
          }
          if (backup.status?.phase !== "InProgress")
            ctx.patchStatus({
              apiVersion: "velero.demo/v1",
              kind: "Backup",
              metadata: { name: req.name, namespace: req.namespace },
              status: { phase: "InProgress" },
            });
          return;
        }
        if (FIXED) {
          const owner = (job.metadata.ownerReferences ?? []).find((r) => r.controller);
          if (owner?.uid !== uid)
            throw new Error(
              `job ${jobName} belongs to an earlier Backup ${req.name}; waiting for garbage collection`,
            );
        }
        if (!job.status?.succeeded) return; // the Job's status change re-queues us (owns)
        ctx.patchStatus({
          apiVersion: "velero.demo/v1",
          kind: "Backup",
          metadata: { name: req.name, namespace: req.namespace },
          status: { phase: "Completed", snapshot: job.metadata.annotations?.[SNAPSHOT_ANN] ?? "" },
        });
      },
    }),
    defineController({
      id: "JobRunner",
      for: JOB,
      reconcile(ctx, req) {
        const job = ctx.get<Job>(JOB, req);
        if (!job || job.metadata.deletionTimestamp || job.status?.succeeded) return;
        const snap = job.metadata.annotations?.[SNAPSHOT_ANN];
        if (!snap) throw new Error(`job ${req.name} names no snapshot`);
        if (!ctx.get(CM, { namespace: STORE_NS, name: snap })) {
          try {
            ctx.create({
              apiVersion: "v1",
              kind: "ConfigMap",
              metadata: { name: snap, namespace: STORE_NS },
              data: {
                job: `${req.namespace}/${req.name}`,
                backupUID: job.metadata.annotations?.[BACKUP_UID_ANN] ?? "",
              },
            });
          } catch (e) {
            if (!isAlreadyExists(e)) throw e;
          }
        }
        ctx.patchStatus({
          apiVersion: "batch/v1",
          kind: "Job",
          metadata: { name: req.name, namespace: req.namespace },
          status: { succeeded: 1 },
        });
      },
    }),
  ],
  invariants: [
    {
      name: "a Completed Backup's snapshot was taken for it",
      check(view) {
        return (view.list(BACKUP) as Backup[]).flatMap((b) => {
          const ns = b.metadata.namespace ?? "";
          if (b.status?.phase !== "Completed") return [];
          const snap = b.status.snapshot
            ? (view.get(CM, b.status.snapshot, STORE_NS) as Snapshot | null)
            : null;
          if (snap && snap.data?.backupUID === b.metadata.uid) return [];
          return [
            {
              message: `Backup ${ns}/${b.metadata.name} (uid ${b.metadata.uid}) is Completed with snapshot ${b.status.snapshot ?? "none"}, taken for ${snap?.data?.backupUID ?? "nothing"}`,
              objects: [{ kind: BACKUP, namespace: ns, name: b.metadata.name }],
            },
          ];
        });
      },
    },
    {
      name: "every Backup completes",
      check(view) {
        return (view.list(BACKUP) as Backup[])
          .filter((b) => b.status?.phase !== "Completed")
          .map((b) => ({
            message: `Backup ${b.metadata.namespace}/${b.metadata.name} is ${b.status?.phase ?? "new"}`,
            objects: [{ kind: BACKUP, namespace: b.metadata.namespace ?? "", name: b.metadata.name }],
          }));
      },
    },
  ],
});
