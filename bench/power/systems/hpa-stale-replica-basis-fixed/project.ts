/**
 * hpa-stale-replica-basis-fixed (twin of hpa-stale-replica-basis; FIXED = true). A HorizontalPodAutoscaler-like scaler, three controllers: RolloutController
 * (a Deployment's `status.readyReplicas` follows `spec.replicas`), MetricsAdapter (per LoadReport, a
 * PodMetricsSummary: the ready replicas it measured over and their average utilization, `load / ready` percent of
 * a 100 rps pod) and Autoscaler (per HPA, on each new summary: desired = ceil(replicas × utilization / target),
 * clamped to [min, max]; scale-down is disabled, so it only ever raises `spec.replicas`; it records the summary's
 * resourceVersion it acted on, so the same sample is never used twice). The bug: the Autoscaler multiplies the
 * utilization by the Deployment's *current* `spec.replicas` instead of the replica count the sample was measured
 * over. A sample taken while a scale-up is still rolling out (a traffic change lands between the scale and the
 * rollout, or a restart re-reads the sample after the scale) is applied to the new, larger replica count: the
 * Deployment overshoots, and with scale-down disabled it stays there for good. The twin
 * (hpa-stale-replica-basis-fixed) uses the summary's own `readyReplicas`.
 */
import { defineController, defineProject, type KubeObj } from "ctrlhunt";

const FIXED = true;

const DEPLOY = "apps/Deployment";
const LOAD = "metrics.demo/LoadReport";
const SUMMARY = "metrics.demo/PodMetricsSummary";
const HPA = "autoscaling/HorizontalPodAutoscaler";
const POD_CAPACITY_RPS = 100;

type Deployment = KubeObj & {
  spec?: { replicas?: number };
  status?: { readyReplicas?: number; observedGeneration?: number };
};
type LoadReport = KubeObj & { spec?: { requestsPerSecond?: number } };
type Summary = KubeObj & { status?: { readyReplicas?: number; averageUtilization?: number } };
type Hpa = KubeObj & {
  spec?: {
    scaleTargetRef?: { name: string };
    minReplicas?: number;
    maxReplicas?: number;
    targetUtilization?: number;
  };
  status?: { lastSampleVersion?: string; desiredReplicas?: number };
};

const utilization = (rps: number, ready: number) => Math.round((rps * 100) / (ready * POD_CAPACITY_RPS));

export default defineProject({
  name: FIXED ? "hpa-stale-replica-basis-fixed" : "hpa-stale-replica-basis",
  controllers: [
    defineController({
      id: "RolloutController",
      for: DEPLOY,
      reconcile(ctx, req) {
        const d = ctx.get<Deployment>(DEPLOY, req);
        if (!d) return;
        const want = d.spec?.replicas ?? 1;
        if (d.status?.readyReplicas === want && d.status.observedGeneration === d.metadata.generation) return;
        ctx.patchStatus({
          apiVersion: "apps/v1",
          kind: "Deployment",
          metadata: { name: req.name, namespace: req.namespace },
          status: { readyReplicas: want, observedGeneration: d.metadata.generation },
        });
      },
    }),
    defineController({
      id: "MetricsAdapter",
      for: LOAD,
      watches: [{ kind: DEPLOY }],
      reconcile(ctx, req) {
        const load = ctx.get<LoadReport>(LOAD, req);
        const d = ctx.get<Deployment>(DEPLOY, req);
        if (!load || !d) return;
        const ready = d.status?.readyReplicas ?? 0;
        if (ready === 0) return;
        const status = {
          readyReplicas: ready,
          averageUtilization: utilization(load.spec?.requestsPerSecond ?? 0, ready),
        };
        const cur = ctx.get<Summary>(SUMMARY, req);
        if (!cur) {
          const created = ctx.create({
            apiVersion: "metrics.demo/v1",
            kind: "PodMetricsSummary",
            metadata: { name: req.name, namespace: req.namespace },
          });
          ctx.updateStatus({ ...created, status });
          return;
        }
        if (
          cur.status?.readyReplicas === status.readyReplicas &&
          cur.status?.averageUtilization === status.averageUtilization
        )
          return;
        ctx.patchStatus({
          apiVersion: "metrics.demo/v1",
          kind: "PodMetricsSummary",
          metadata: { name: req.name, namespace: req.namespace },
          status,
        });
      },
    }),
    defineController({
      id: "Autoscaler",
      for: HPA,
      watches: [{ kind: SUMMARY }],
      reads: [DEPLOY],
      reconcile(ctx, req) {
        const hpa = ctx.get<Hpa>(HPA, req);
        if (!hpa?.spec?.scaleTargetRef) return;
        const target = hpa.spec.scaleTargetRef.name;
        const sample = ctx.get<Summary>(SUMMARY, { namespace: req.namespace, name: target });
        const util = sample?.status?.averageUtilization;
        const measuredOver = sample?.status?.readyReplicas;
        if (!sample || util === undefined || !measuredOver) return;
        if (hpa.status?.lastSampleVersion === sample.metadata.resourceVersion) return; // this sample was acted on
        const d = ctx.get<Deployment>(DEPLOY, { namespace: req.namespace, name: target });
        if (!d) throw new Error(`scale target ${target} not found`);
        const current = d.spec?.replicas ?? 1;
        const basis = FIXED ? measuredOver : current;
        const min = hpa.spec.minReplicas ?? 1;
        const max = hpa.spec.maxReplicas ?? 10;
        const desired = Math.min(
          max,
          Math.max(min, Math.ceil((basis * util) / (hpa.spec.targetUtilization ?? 80))),
        );
        if (desired > current)
          ctx.patch({
            apiVersion: "apps/v1",
            kind: "Deployment",
            metadata: { name: target, namespace: req.namespace },
            spec: { replicas: desired },
          });
        ctx.patchStatus({
          apiVersion: "autoscaling/v2",
          kind: "HorizontalPodAutoscaler",
          metadata: { name: req.name, namespace: req.namespace },
          status: {
            lastSampleVersion: sample.metadata.resourceVersion,
            desiredReplicas: Math.max(desired, current),
          },
        });
      },
    }),
  ],
  invariants: [
    {
      name: "the Deployment runs the replicas its load needs",
      check(view) {
        return (view.list(HPA) as Hpa[]).flatMap((h) => {
          const ns = h.metadata.namespace ?? "";
          const target = h.spec?.scaleTargetRef?.name ?? "";
          const d = view.get(DEPLOY, target, ns) as Deployment | null;
          const load = view.get(LOAD, target, ns) as LoadReport | null;
          if (!d || !load) return [];
          const perPod = (POD_CAPACITY_RPS * (h.spec?.targetUtilization ?? 80)) / 100;
          const need = Math.min(
            h.spec?.maxReplicas ?? 10,
            Math.max(h.spec?.minReplicas ?? 1, Math.ceil((load.spec?.requestsPerSecond ?? 0) / perPod)),
          );
          const have = d.spec?.replicas ?? 1;
          if (have === need) return [];
          return [
            {
              message: `Deployment ${ns}/${target} runs ${have} replicas; ${load.spec?.requestsPerSecond} rps at ${h.spec?.targetUtilization}% needs ${need}`,
              objects: [
                { kind: DEPLOY, namespace: ns, name: target },
                { kind: HPA, namespace: ns, name: h.metadata.name },
              ],
            },
          ];
        });
      },
    },
  ],
});
