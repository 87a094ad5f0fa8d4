/**
 * non-idempotent-create (planted). TaskController starts one Pod per Task, named after the time it starts it
 * (`<task>-<yyyymmddhh>`), then records the Pod's name in `status.pod`; a Task with a recorded Pod is left alone.
 * The bug: the create is not idempotent. If the manager dies after the Pod is created and before the name is
 * recorded, the restarted controller sees no recorded Pod, starts a second one under a new name, and the Task runs
 * twice. The twin (non-idempotent-create-fixed) derives the Pod name from the Task alone and treats AlreadyExists as
 * "already started", so a repeated create finds the first Pod.
 */
import { defineController, defineProject, type KubeObj } from "ctrlhunt";

const TASK = "demo.example/Task";
const POD = "core/Pod";
const TASK_LABEL = "demo.example/task";

type Task = KubeObj & { spec?: { image?: string }; status?: { pod?: string } };

const stamp = (iso: string) => iso.replace(/[^0-9]/g, "").slice(0, 10);

export default defineProject({
  name: "non-idempotent-create",
  controllers: [
    defineController({
      id: "TaskController",
      for: TASK,
      owns: [POD],
      reconcile(ctx, req) {
        const task = ctx.get<Task>(TASK, req);
        if (!task || task.status?.pod) return;
        const name = `${req.name}-${stamp(ctx.now())}`;
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
