/**
 * create-not-retry-safe (planted). ExportController runs one export Job per Export: it creates the Job
 * `<export>-job` and then records `status.job`; an Export with a recorded Job is left alone. The bug: the create
 * does not expect to be repeated. If the manager dies after the Job is created and before the status is written, the
 * restarted controller creates it again, gets AlreadyExists, returns the error, and does so on every retry: the
 * Export never records its Job and stays un-started forever. The twin (create-not-retry-safe-fixed) treats
 * AlreadyExists as "created by an earlier attempt" and records the Job.
 */
import { defineController, defineProject, type KubeObj } from "ctrlhunt";

const EXPORT = "demo.example/Export";
const JOB = "batch/Job";

type Export = KubeObj & { spec?: { table?: string }; status?: { job?: string } };

export default defineProject({
  name: "create-not-retry-safe",
  controllers: [
    defineController({
      id: "ExportController",
      for: EXPORT,
      owns: [JOB],
      reconcile(ctx, req) {
        const exp = ctx.get<Export>(EXPORT, req);
        if (!exp || exp.status?.job) return;
        const name = `${req.name}-job`;
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
