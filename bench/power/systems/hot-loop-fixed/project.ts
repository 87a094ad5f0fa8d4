/**
 * hot-loop-fixed (twin of hot-loop). Status is written only when the mirrored upstream changed (and the sync time
 * with it), so the reconcile its own status write triggers finds nothing to do.
 */
import { defineController, defineProject, type KubeObj } from "ctrlhunt";

const MIRROR = "demo.example/Mirror";

type Mirror = KubeObj & {
  spec?: { upstream?: string };
  status?: { upstream?: string; lastSyncTime?: string };
};

export default defineProject({
  name: "hot-loop-fixed",
  controllers: [
    defineController({
      id: "MirrorController",
      for: MIRROR,
      reconcile(ctx, req) {
        const m = ctx.get<Mirror>(MIRROR, req);
        if (!m || m.status?.upstream === m.spec?.upstream) return;
        ctx.updateStatus({ ...m, status: { upstream: m.spec?.upstream, lastSyncTime: ctx.now() } });
      },
    }),
  ],
});
