/**
 * crash-safe-pod-status (clean control). RunnerController creates a Runner's Pod `<runner>-pod` and then sets
 * `status.podCreated`. Two writes in one reconcile, so a crash can land between them, but the reconcile is
 * idempotent: the restarted controller sees the Pod (or gets AlreadyExists), and sets the status it had not written.
 * No bug is planted: every crash between the writes is healed by the restart.
 */
import { defineController, defineProject, isAlreadyExists, type KubeObj } from "ctrlhunt";

const RUNNER = "demo.example/Runner";
const POD = "core/Pod";

type Runner = KubeObj & { spec?: { image?: string }; status?: { podCreated?: boolean } };

export default defineProject({
  name: "crash-safe-pod-status",
  controllers: [
    defineController({
      id: "RunnerController",
      for: RUNNER,
      owns: [POD],
      reconcile(ctx, req) {
        const runner = ctx.get<Runner>(RUNNER, req);
        if (!runner) return;
        const podName = `${req.name}-pod`;
        if (!ctx.get(POD, { namespace: req.namespace, name: podName })) {
          try {
            ctx.create({
              apiVersion: "v1",
              kind: "Pod",
              metadata: {
                name: podName,
                namespace: req.namespace,
                ownerReferences: [
                  { apiVersion: "demo.example/v1", kind: "Runner", name: req.name, controller: true },
                ],
              },
              spec: { containers: [{ name: "runner", image: runner.spec?.image ?? "runner:latest" }] },
            });
          } catch (e) {
            if (!isAlreadyExists(e)) throw e;
          }
        }
        if (!runner.status?.podCreated) ctx.updateStatus({ ...runner, status: { podCreated: true } });
      },
    }),
  ],
});
