/**
 * benign-banner-last-event (clean control, benign nondeterminism). The status page's ConfigMap web/status-banner
 * shows the latest operator notice: AnnouncementController (for Announcement) and MaintenanceController (for
 * MaintenanceWindow) each, on a change of their object, record its text under their own history key
 * (`data.announcement`, `data.maintenance`) and set `data.banner` to it — by design the last notice handled wins the
 * banner, and both stay on the page. When an announcement and a maintenance window are posted at the same moment,
 * either may end on the banner: both outcomes are correct, the invariants say what correct means (each history key
 * shows its source, the banner shows one of them).
 */
import { defineController, defineProject, type KubeObj, type ReconcileContext } from "ctrlhunt";

const ANNOUNCEMENT = "demo.example/Announcement";
const MAINTENANCE = "demo.example/MaintenanceWindow";
const CONFIGMAP = "core/ConfigMap";
const TARGET = { namespace: "web", name: "status-banner" };

type Notice = KubeObj & { spec?: { text?: string } };
type ConfigMap = KubeObj & { data?: Record<string, string> };

function post(ctx: ReconcileContext, key: string, text: string) {
  const cm = ctx.get<ConfigMap>(CONFIGMAP, TARGET);
  if (cm?.data?.[key] === text) return;
  ctx.patch({
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { ...TARGET },
    data: { [key]: text, banner: text },
  });
}

export default defineProject({
  name: "benign-banner-last-event",
  controllers: [
    defineController({
      id: "AnnouncementController",
      for: ANNOUNCEMENT,
      reads: [CONFIGMAP],
      reconcile(ctx, req) {
        const n = ctx.get<Notice>(ANNOUNCEMENT, req);
        if (n?.spec?.text) post(ctx, "announcement", n.spec.text);
      },
    }),
    defineController({
      id: "MaintenanceController",
      for: MAINTENANCE,
      reads: [CONFIGMAP],
      reconcile(ctx, req) {
        const n = ctx.get<Notice>(MAINTENANCE, req);
        if (n?.spec?.text) post(ctx, "maintenance", n.spec.text);
      },
    }),
  ],
  invariants: [
    {
      name: "each notice is on the page and the banner shows one of them",
      check(view) {
        const cm = view.get(CONFIGMAP, TARGET.name, TARGET.namespace) as ConfigMap | null;
        const a = (view.list(ANNOUNCEMENT, { namespace: "web" }) as Notice[])[0]?.spec?.text;
        const m = (view.list(MAINTENANCE, { namespace: "web" }) as Notice[])[0]?.spec?.text;
        const d = cm?.data ?? {};
        const ok =
          (a === undefined || d.announcement === a) &&
          (m === undefined || d.maintenance === m) &&
          (d.banner === a || d.banner === m);
        return ok
          ? []
          : [
              {
                message: `banner "${d.banner}", announcement "${d.announcement}" (want "${a}"), maintenance "${d.maintenance}" (want "${m}")`,
                objects: [{ kind: CONFIGMAP, ...TARGET }],
              },
            ];
      },
    },
  ],
});
