/**
 * hot-loop (planted). MirrorController copies a Mirror's `spec.upstream` into status and stamps
 * `status.lastSyncTime` with the current time on every reconcile. The bug: every status write is a change to the
 * Mirror, which triggers the next reconcile, which writes a new time again: the controller never goes quiet and
 * keeps the API server busy (a reconcile storm). The twin (hot-loop-fixed) writes status only when the mirrored
 * upstream changed, so the second reconcile finds nothing to do.
 */
import { defineController, defineProject, type KubeObj } from "ctrlhunt";

const MIRROR = "demo.example/Mirror";

type Mirror = KubeObj & {
  spec?: { upstream?: string };
  status?: { upstream?: string; lastSyncTime?: string };
};

export default defineProject({
  name: "hot-loop",
  controllers: [
    defineController({
      id: "MirrorController",
      for: MIRROR,
      reconcile(ctx, req) {
        const m = ctx.get<Mirror>(MIRROR, req);
        if (!m) return;
        ctx.updateStatus({ ...m, status: { upstream: m.spec?.upstream, lastSyncTime: ctx.now() } });
      },
    }),
  ],
});
