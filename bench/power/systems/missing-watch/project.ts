/**
 * missing-watch (planted). A platform team publishes per-team settings: SettingsController renders each
 * `demo.example/Settings` into a ConfigMap `<name>-settings`; ReportController copies the rendered mode into the
 * team's `demo.example/Report` status. The bug: ReportController reads the ConfigMap but never watches it (only
 * `reads`), so when the Report is reconciled before the ConfigMap exists or changes, nothing ever re-queues it and
 * the Report shows a mode the settings no longer have. The twin (missing-watch-fixed) watches the ConfigMap and maps
 * it back to the Report of the same team.
 */
import { defineController, defineProject, type KubeObj } from "ctrlhunt";

const SETTINGS = "demo.example/Settings";
const REPORT = "demo.example/Report";
const CONFIGMAP = "core/ConfigMap";

type Settings = KubeObj & { spec?: { mode?: string } };
type Report = KubeObj & { status?: { mode?: string } };
type ConfigMap = KubeObj & { data?: Record<string, string> };

export default defineProject({
  name: "missing-watch",
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
      reads: [CONFIGMAP],
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
