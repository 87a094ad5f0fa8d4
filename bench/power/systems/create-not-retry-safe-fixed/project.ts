/**
 * create-not-retry-safe-fixed (twin of create-not-retry-safe). An AlreadyExists on the Job create means an earlier
 * attempt created it; the controller goes on and records it, so a restart between the two writes finishes the job.
 */
import { defineController, defineProject, isAlreadyExists, type KubeObj } from "ctrlhunt";

const EXPORT = "demo.example/Export";
const JOB = "batch/Job";

type Export = KubeObj & { spec?: { table?: string }; status?: { job?: string } };

export default defineProject({
  name: "create-not-retry-safe-fixed",
  controllers: [
    defineController({
      id: "ExportController",
      for: EXPORT,
      owns: [JOB],
      reconcile(ctx, req) {
        const exp = ctx.get<Export>(EXPORT, req);
        if (!exp || exp.status?.job) return;
        const name = `${req.name}-job`;
        try {
          ctx.create({
            apiVersion: "batch/v1",
            kind: "Job",
            metadata: {
              name,
              namespace: req.namespace,
              ownerReferences: [
                { apiVersion: "demo.example/v1", kind: "Export", name: req.name, controller: true },
              ],
            },
            spec: {
              template: {
                spec: {
                  containers: [{ name: "export", image: "exporter:2", args: [String(exp.spec?.table)] }],
                },
              },
            },
          });
        } catch (e) {
          if (!isAlreadyExists(e)) throw e;
        }
        ctx.updateStatus({ ...exp, status: { job: name } });
      },
    }),
  ],
  invariants: [
    {
      name: "every export records its job",
      check(view) {
        return (view.list(EXPORT) as Export[])
          .filter((e) => !e.status?.job || !view.get(JOB, e.status.job, e.metadata.namespace ?? ""))
          .map((e) => ({
            message: `Export ${e.metadata.namespace}/${e.metadata.name} has recorded job ${e.status?.job ?? "none"}`,
            objects: [{ kind: EXPORT, namespace: e.metadata.namespace ?? "", name: e.metadata.name }],
          }));
      },
    },
  ],
});
