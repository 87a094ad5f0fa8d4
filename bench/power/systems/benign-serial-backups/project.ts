/**
 * benign-serial-backups (benign control, planted: false). A backup operator that runs one backup at a time per
 * repository, three controllers: RepositoryController (a BackupRepository becomes Ready), BackupController and
 * JobRunner (runs a batch Job: writes its snapshot, then marks the Job succeeded). BackupController serialises
 * Backups with a Lease `<repo>-lock` (the create is the lock: AlreadyExists means another Backup holds it; the waiter
 * adds itself to the Lease's `waiting` annotations, and the Lease's deletion wakes it up through a watch). The holder
 * reserves the next sequence number in the repository's status with an optimistic update (resourceVersion read, and
 * the reserving Backup's name, so a restart finds its reservation again), records it on the Backup, starts a Job
 * `<backup>-job`, marks itself Completed once the Job succeeded and releases the lock. Which Backup runs first, and
 * so gets sequence 1 and snapshot `seq-1`, depends on reconcile order: both outcomes are valid. The invariants hold
 * in every valid outcome: every Backup Completed with a snapshot carrying its sequence, the sequences are 1..n
 * without gaps or duplicates, the repository's last sequence is n, and the lock is released.
 */
import {
  defineController,
  defineProject,
  isAlreadyExists,
  isConflict,
  isNotFound,
  type KubeObj,
} from "ctrlhunt";

const REPO = "backup.demo/BackupRepository";
const BACKUP = "backup.demo/Backup";
const LEASE = "coordination.k8s.io/Lease";
const JOB = "batch/Job";
const CM = "core/ConfigMap";
const STORE_NS = "backup-store";
const WAITING = "backup.demo/waiting-";
const SEQ_ANN = "backup.demo/sequence";

type Repo = KubeObj & { status?: { phase?: string; lastSequence?: number; reservedBy?: string } };
type Backup = KubeObj & {
  spec?: { repository?: string };
  status?: { phase?: string; sequence?: number; snapshot?: string };
};
type Lease = KubeObj & { spec?: { holderIdentity?: string } };
type Job = KubeObj & { status?: { succeeded?: number } };

const lockName = (repo: string) => `${repo}-lock`;

export default defineProject({
  name: "benign-serial-backups",
  controllers: [
    defineController({
      id: "RepositoryController",
      for: REPO,
      reconcile(ctx, req) {
        const repo = ctx.get<Repo>(REPO, req);
        if (!repo || repo.status?.phase === "Ready") return;
        ctx.patchStatus({
          apiVersion: "backup.demo/v1",
          kind: "BackupRepository",
          metadata: { name: req.name, namespace: req.namespace },
          status: { phase: "Ready" },
        });
      },
    }),
    defineController({
      id: "BackupController",
      for: BACKUP,
      owns: [JOB],
      reads: [REPO],
      watches: [
        {
          kind: LEASE,
          map: (o) =>
            Object.keys(o.metadata.annotations ?? {})
              .filter((k) => k.startsWith(WAITING))
              .map((k) => ({ namespace: o.metadata.namespace ?? "", name: k.slice(WAITING.length) })),
        },
      ],
      reconcile(ctx, req) {
        const backup = ctx.get<Backup>(BACKUP, req);
        if (!backup || backup.metadata.deletionTimestamp) return;
        const repoName = backup.spec?.repository ?? "default";
        const lockKey = { namespace: req.namespace, name: lockName(repoName) };
        const meta = { name: req.name, namespace: req.namespace };
        if (backup.status?.phase === "Completed") {
          // Release the lock if this Backup still holds it (a restart after the Completed write).
          const lease = ctx.get<Lease>(LEASE, lockKey);
          if (lease?.spec?.holderIdentity === req.name) {
            try {
              ctx.delete(LEASE, lockKey, { uid: lease.metadata.uid });
            } catch (e) {
              if (!isNotFound(e) && !isConflict(e)) throw e;
            }
          }
          return;
        }
        const repo = ctx.get<Repo>(REPO, { namespace: req.namespace, name: repoName });
        if (repo?.status?.phase !== "Ready") throw new Error(`repository ${repoName} is not ready yet`);

        // 1. Hold the repository lock.
        let lease = ctx.get<Lease>(LEASE, lockKey);
        if (lease?.spec?.holderIdentity !== req.name) {
          try {
            lease = ctx.create({
              apiVersion: "coordination.k8s.io/v1",
              kind: "Lease",
              metadata: lockKey,
              spec: { holderIdentity: req.name },
            }) as Lease;
          } catch (e) {
            if (!isAlreadyExists(e)) throw e;
            // Held (by another Backup, or by us and the cache lags): wait to be woken by the Lease's deletion.
            try {
              ctx.patch({
                apiVersion: "coordination.k8s.io/v1",
                kind: "Lease",
                metadata: { ...lockKey, annotations: { [`${WAITING}${req.name}`]: "true" } },
              });
            } catch (e2) {
              if (isNotFound(e2)) throw new Error(`lock ${lockKey.name} was released meanwhile; retrying`);
              throw e2;
            }
            return;
          }
        }

        // 2. Reserve a sequence number (optimistic update of the repository status).
        let seq = backup.status?.sequence;
        if (!seq) {
          if (repo.status?.reservedBy === req.name && repo.status.lastSequence)
            seq = repo.status.lastSequence;
          else {
            seq = (repo.status?.lastSequence ?? 0) + 1;
            try {
              ctx.updateStatus({
                ...repo,
                status: { ...repo.status, lastSequence: seq, reservedBy: req.name },
              });
            } catch (e) {
              if (isConflict(e)) throw new Error(`repository ${repoName} changed meanwhile; retrying`);
              throw e;
            }
          }
          ctx.patchStatus({
            apiVersion: "backup.demo/v1",
            kind: "Backup",
            metadata: meta,
            status: { phase: "InProgress", sequence: seq },
          });
        }

        // 3. Run the Job.
        const jobKey = { namespace: req.namespace, name: `${req.name}-job` };
        const job = ctx.get<Job>(JOB, jobKey);
        if (!job) {
          try {
            ctx.create({
              apiVersion: "batch/v1",
              kind: "Job",
              metadata: {
                ...jobKey,
                annotations: { [SEQ_ANN]: String(seq) },
                ownerReferences: [
                  { apiVersion: "backup.demo/v1", kind: "Backup", name: req.name, controller: true },
                ],
              },
              spec: {
                template: {
                  spec: {
                    containers: [
                      { name: "restic", image: "restic/restic:0.17", args: ["backup", "--repo", repoName] },
                    ],
                  },
                },
              },
            });
          } catch (e) {
            if (!isAlreadyExists(e)) throw e;
          }
          return;
        }
        if (!job.status?.succeeded) return; // the Job's status change re-queues us (owns)

        // 4. Done: record, then release the lock.
        ctx.patchStatus({
          apiVersion: "backup.demo/v1",
          kind: "Backup",
          metadata: meta,
          status: { phase: "Completed", snapshot: `seq-${job.metadata.annotations?.[SEQ_ANN]}` },
        });
        try {
          ctx.delete(LEASE, lockKey, { uid: lease?.metadata.uid });
        } catch (e) {
          if (!isNotFound(e)) throw e;
        }
      },
    }),
    defineController({
      id: "JobRunner",
      for: JOB,
      reconcile(ctx, req) {
        const job = ctx.get<Job>(JOB, req);
        if (!job || job.metadata.deletionTimestamp || job.status?.succeeded) return;
        const seq = job.metadata.annotations?.[SEQ_ANN];
        if (!seq) throw new Error(`job ${req.name} has no sequence`);
        try {
          ctx.create({
            apiVersion: "v1",
            kind: "ConfigMap",
            metadata: { name: `seq-${seq}`, namespace: STORE_NS },
            data: { job: `${req.namespace}/${req.name}`, sequence: seq },
          });
        } catch (e) {
          if (!isAlreadyExists(e)) throw e;
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
      name: "every Backup completes with a snapshot of its own sequence",
      check(view) {
        return (view.list(BACKUP) as Backup[]).flatMap((b) => {
          const ns = b.metadata.namespace ?? "";
          const snap = b.status?.snapshot
            ? (view.get(CM, b.status.snapshot, STORE_NS) as
                | (KubeObj & { data?: Record<string, string> })
                | null)
            : null;
          if (
            b.status?.phase === "Completed" &&
            snap &&
            snap.data?.sequence === String(b.status.sequence) &&
            snap.data?.job === `${ns}/${b.metadata.name}-job`
          )
            return [];
          return [
            {
              message: `Backup ${ns}/${b.metadata.name}: ${b.status?.phase ?? "new"}, sequence ${b.status?.sequence ?? "none"}, snapshot ${b.status?.snapshot ?? "none"} (${snap ? `of ${snap.data?.job}` : "missing"})`,
              objects: [{ kind: BACKUP, namespace: ns, name: b.metadata.name }],
            },
          ];
        });
      },
    },
    {
      name: "sequence numbers are 1..n, each once, and the repository counted them",
      check(view) {
        const out = [];
        for (const repo of view.list(REPO) as Repo[]) {
          const ns = repo.metadata.namespace ?? "";
          const mine = (view.list(BACKUP, { namespace: ns }) as Backup[]).filter(
            (b) => (b.spec?.repository ?? "default") === repo.metadata.name,
          );
          const seqs = mine.map((b) => b.status?.sequence ?? 0).sort((a, b) => a - b);
          const want = mine.map((_, i) => i + 1);
          if (
            JSON.stringify(seqs) !== JSON.stringify(want) ||
            (repo.status?.lastSequence ?? 0) !== mine.length
          )
            out.push({
              message: `repository ${ns}/${repo.metadata.name}: sequences [${seqs.join(", ")}], lastSequence ${repo.status?.lastSequence ?? 0}, ${mine.length} backups`,
              objects: [
                { kind: REPO, namespace: ns, name: repo.metadata.name },
                ...mine.map((b) => ({ kind: BACKUP, namespace: ns, name: b.metadata.name })),
              ],
            });
        }
        return out;
      },
    },
    {
      name: "the repository lock is released",
      check(view) {
        return (view.list(LEASE) as Lease[]).map((l) => ({
          message: `Lease ${l.metadata.namespace}/${l.metadata.name} still held by ${l.spec?.holderIdentity}`,
          objects: [{ kind: LEASE, namespace: l.metadata.namespace ?? "", name: l.metadata.name }],
        }));
      },
    },
  ],
});
