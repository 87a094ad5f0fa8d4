/**
 * non-idempotent-create-fixed (twin of non-idempotent-create). The Pod is named after the Task alone and an
 * AlreadyExists on create means "already started": a restart after a crash between the create and the status write
 * finds the first Pod and records it.
 */
import { defineController, defineProject, isAlreadyExists, type KubeObj } from "ctrlhunt";

const TASK = "demo.example/Task";
const POD = "core/Pod";
const TASK_LABEL = "demo.example/task";

type Task = KubeObj & { spec?: { image?: string }; status?: { pod?: string } };

export default defineProject({
  name: "non-idempotent-create-fixed",
  controllers: [
    defineController({
      id: "TaskController",
      for: TASK,
      owns: [POD],
      reconcile(ctx, req) {
        const task = ctx.get<Task>(TASK, req);
        if (!task || task.status?.pod) return;
        const name = `${req.name}-run`;
        try {
          ctx.create({
            apiVersion: "v1",
            kind: "Pod",
            metadata: {
              name,
              namespace: req.namespace,
              labels: { [TASK_LABEL]: req.name },
              ownerReferences: [
                { apiVersion: "demo.example/v1", kind: "Task", name: req.name, controller: true },
              ],
            },
            spec: {
              restartPolicy: "Never",
              containers: [{ name: "main", image: task.spec?.image ?? "busybox" }],
            },
          });
        } catch (e) {
          if (!isAlreadyExists(e)) throw e;
        }
        ctx.updateStatus({ ...task, status: { pod: name } });
      },
    }),
  ],
  invariants: [
    {
      name: "a task runs exactly one pod",
      check(view) {
        return (view.list(TASK) as Task[]).flatMap((t) => {
          const ns = t.metadata.namespace ?? "";
          const pods = view.list(POD, { namespace: ns, labels: { [TASK_LABEL]: t.metadata.name } });
          return pods.length === 1
            ? []
            : [
                {
                  message: `Task ${ns}/${t.metadata.name} has ${pods.length} pods`,
                  objects: [
                    { kind: TASK, namespace: ns, name: t.metadata.name },
                    ...pods.map((p) => ({ kind: POD, namespace: ns, name: p.metadata.name })),
                  ],
                },
              ];
        });
      },
    },
  ],
});
