/**
 * crash-unhealed-record (planted; the kro applyset K2b pattern). StackController renders a Stack's components into
 * ConfigMaps `<stack>-<component>`. To stay able to prune, it first records the component list it is about to apply
 * in `status.applied`, then creates the ConfigMaps it had not recorded before. The bug: it trusts its own record as
 * proof of what exists. If the manager dies after the record is written and before every ConfigMap is created, the
 * restarted controller finds every component recorded, creates nothing, and the missing ConfigMaps never appear. The
 * twin (crash-unhealed-record-fixed) uses the record only for pruning and creates every component it cannot see.
 */
import { defineController, defineProject, isAlreadyExists, type KubeObj } from "ctrlhunt";

const STACK = "demo.example/Stack";
const CONFIGMAP = "core/ConfigMap";

type Stack = KubeObj & { spec?: { components?: string[] }; status?: { applied?: string[] } };

export default defineProject({
  name: "crash-unhealed-record",
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
        for (const c of want.filter((x) => !recorded.includes(x))) {
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
