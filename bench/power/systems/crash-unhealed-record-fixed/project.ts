/**
 * crash-unhealed-record-fixed (twin of crash-unhealed-record). The record in `status.applied` is still written first
 * (so a crash never leaves an unrecorded, unprunable ConfigMap), but it only decides what to prune: every desired
 * component the controller cannot see is created, so a restart after a crash finishes the job.
 */
import { defineController, defineProject, isAlreadyExists, type KubeObj } from "ctrlhunt";

const STACK = "demo.example/Stack";
const CONFIGMAP = "core/ConfigMap";

type Stack = KubeObj & { spec?: { components?: string[] }; status?: { applied?: string[] } };

export default defineProject({
  name: "crash-unhealed-record-fixed",
  controllers: [
    defineController({
      id: "StackController",
      for: STACK,
      owns: [CONFIGMAP],
      reconcile(ctx, req) {
        const stack = ctx.get<Stack>(STACK, req);
        if (!stack) return;
        const want = [...(stack.spec?.components ?? [])].sort();
        const recorded = stack.status?.applied ?? [];
        if (JSON.stringify(recorded) !== JSON.stringify(want))
          ctx.updateStatus({ ...stack, status: { ...stack.status, applied: want } });
        const missing = want.filter(
          (x) => !ctx.get(CONFIGMAP, { namespace: req.namespace, name: `${req.name}-${x}` }),
        );
        for (const c of missing) {
          try {
            ctx.create({
              apiVersion: "v1",
              kind: "ConfigMap",
              metadata: {
                name: `${req.name}-${c}`,
                namespace: req.namespace,
                labels: { "demo.example/stack": req.name },
                ownerReferences: [
                  { apiVersion: "demo.example/v1", kind: "Stack", name: req.name, controller: true },
                ],
              },
              data: { component: c },
            });
          } catch (e) {
            if (!isAlreadyExists(e)) throw e;
          }
        }
        for (const c of recorded.filter((x) => !want.includes(x)))
          ctx.delete(CONFIGMAP, { namespace: req.namespace, name: `${req.name}-${c}` });
      },
    }),
  ],
});
