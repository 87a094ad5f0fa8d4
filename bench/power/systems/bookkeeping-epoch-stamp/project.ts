/**
 * bookkeeping-epoch-stamp (clean control; bookkeeping only). ReportController renders each Report's
 * `spec.query` into a ConfigMap `<report>-summary` and mirrors it into `status.query`. Whenever it writes, it stamps
 * the time: `metadata.annotations["example.com/last-reconciled"]` on the ConfigMap and `status.lastReconciled` on the
 * Report, both the Unix time in seconds (a string, as `strconv.FormatInt(time.Now().Unix(), 10)` stamps it). It writes only when the query differs, so it goes quiet. Which Report is handled first,
 * and when the user's query change lands, changes those stamps (and resourceVersions), never the query rendered:
 * every outcome is the same up to bookkeeping. No invariant is declared, so any other difference would be evidence.
 */
import { defineController, defineProject, isAlreadyExists, type KubeObj } from "ctrlhunt";

const REPORT = "demo.example/Report";
const CONFIGMAP = "core/ConfigMap";
const STAMP = "example.com/last-reconciled";

const epoch = (iso: string) => String(Math.floor(Date.parse(iso) / 1000));

type Report = KubeObj & { spec?: { query?: string }; status?: { query?: string; lastReconciled?: string } };

export default defineProject({
  name: "bookkeeping-epoch-stamp",
  controllers: [
    defineController({
      id: "ReportController",
      for: REPORT,
      owns: [CONFIGMAP],
      reconcile(ctx, req) {
        const r = ctx.get<Report>(REPORT, req);
        if (!r || r.metadata.deletionTimestamp) return;
        const query = r.spec?.query ?? "";
        const key = { namespace: req.namespace, name: `${req.name}-summary` };
        const cm = ctx.get<KubeObj & { data?: { query?: string } }>(CONFIGMAP, key);
        if (!cm) {
          try {
            ctx.create({
              apiVersion: "v1",
              kind: "ConfigMap",
              metadata: {
                ...key,
                annotations: { [STAMP]: epoch(ctx.now()) },
                ownerReferences: [
                  { apiVersion: "demo.example/v1", kind: "Report", name: req.name, controller: true },
                ],
              },
              data: { query },
            });
          } catch (e) {
            if (!isAlreadyExists(e)) throw e;
          }
        } else if (cm.data?.query !== query) {
          ctx.update({
            ...cm,
            metadata: {
              ...cm.metadata,
              annotations: { ...cm.metadata.annotations, [STAMP]: epoch(ctx.now()) },
            },
            data: { query },
          });
        }
        if (r.status?.query !== query)
          ctx.updateStatus({ ...r, status: { query, lastReconciled: epoch(ctx.now()) } });
      },
    }),
  ],
});
