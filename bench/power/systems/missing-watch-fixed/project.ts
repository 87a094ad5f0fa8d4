/**
 * missing-watch-fixed (twin of missing-watch). ReportController watches the rendered ConfigMap and maps it back to the
 * Report of the same team, so a Report reconciled before its ConfigMap exists or changes is re-queued when it does.
 */
import { defineController, defineProject, type KubeObj } from "ctrlhunt";

const SETTINGS = "demo.example/Settings";
const REPORT = "demo.example/Report";
const CONFIGMAP = "core/ConfigMap";

type Settings = KubeObj & { spec?: { mode?: string } };
type Report = KubeObj & { status?: { mode?: string } };
type ConfigMap = KubeObj & { data?: Record<string, string> };

export default defineProject({
  name: "missing-watch-fixed",
  controllers: [
    defineController({
      id: "SettingsController",
      for: SETTINGS,
      owns: [CONFIGMAP],
      reconcile(ctx, req) {
        const s = ctx.get<Settings>(SETTINGS, req);
        if (!s) return;
        ctx.apply({
          apiVersion: "v1",
          kind: "ConfigMap",
          metadata: {
            name: `${req.name}-settings`,
            namespace: req.namespace,
            ownerReferences: [
              { apiVersion: "demo.example/v1", kind: "Settings", name: req.name, controller: true },
            ],
          },
          data: { mode: String(s.spec?.mode ?? "default") },
        });
      },
    }),
    defineController({
      id: "ReportController",
      for: REPORT,
      watches: [
        {
          kind: CONFIGMAP,
          map: (cm) => [
            {
              namespace: cm.metadata.namespace ?? "",
              name: String(cm.metadata.name).replace(/-settings$/, ""),
            },
          ],
        },
      ],
      reconcile(ctx, req) {
        const report = ctx.get<Report>(REPORT, req);
        if (!report) return;
        const cm = ctx.get<ConfigMap>(CONFIGMAP, { namespace: req.namespace, name: `${req.name}-settings` });
        const mode = cm?.data?.mode ?? "unknown";
        if (report.status?.mode === mode) return;
        ctx.updateStatus({ ...report, status: { ...report.status, mode } });
      },
    }),
  ],
  invariants: [
    {
      name: "report shows the rendered mode",
      check(view) {
        return (view.list(REPORT) as Report[]).flatMap((r) => {
          const ns = r.metadata.namespace ?? "";
          const cm = view.get(CONFIGMAP, `${r.metadata.name}-settings`, ns) as ConfigMap | null;
          const want = cm?.data?.mode ?? "unknown";
          return r.status?.mode === want
            ? []
            : [
                {
                  message: `Report ${ns}/${r.metadata.name} shows mode ${String(r.status?.mode)}, settings render ${want}`,
                  objects: [{ kind: REPORT, namespace: ns, name: r.metadata.name }],
                },
              ];
        });
      },
    },
  ],
});
