/**
 * endpoints-stale-skip (planted). A mini Deployment → ReplicaSet → Pods stack behind a Service, four controllers:
 * DeploymentController (one ReplicaSet per template), ReplicaSetController (Pods by slot, `<rs>-<i>`), Kubelet (a
 * bound Pod goes Running with an IP, then Ready) and EndpointsController (the Service's Endpoints list the ready Pods
 * it selects). EndpointsController remembers the resourceVersion of the Endpoints it last wrote (the EndpointSlice
 * controller's "tracker") and does not sync a Service while its Endpoints cache is older than its own last write:
 * computing from that stale copy would overwrite newer addresses. The bug: on a stale cache it returns without an
 * error ("the informer will catch up and we sync then"), but it does not watch Endpoints, so nothing ever re-queues
 * the Service: a Pod that became Ready while the cache lagged is dropped from the Endpoints for good (upstream fixed
 * the same thing by returning a StaleInformerCache error, which re-queues). The twin (endpoints-stale-skip-fixed)
 * returns an error, so the Service is retried until its cache has caught up.
 */
import { defineController, defineProject, isAlreadyExists, type KubeObj } from "ctrlhunt";

const DEPLOY = "apps/Deployment";
const RS = "apps/ReplicaSet";
const POD = "core/Pod";
const SVC = "core/Service";
const EP = "core/Endpoints";

const FIXED = false;

type Template = {
  metadata?: { labels?: Record<string, string> };
  spec?: { containers?: { name: string; image: string }[] };
};
type Deployment = KubeObj & {
  spec?: { replicas?: number; selector?: { matchLabels?: Record<string, string> }; template?: Template };
  status?: { readyReplicas?: number };
};
type ReplicaSet = KubeObj & {
  spec?: { replicas?: number; selector?: { matchLabels?: Record<string, string> }; template?: Template };
  status?: { readyReplicas?: number };
};
type Pod = KubeObj & {
  spec?: { nodeName?: string };
  status?: { phase?: string; podIP?: string; conditions?: { type: string; status: string }[] };
};
type Service = KubeObj & { spec?: { selector?: Record<string, string> } };
type Endpoints = KubeObj & {
  subsets?: { addresses?: { ip: string; targetRef?: { kind: string; name: string } }[] }[];
};

const hash = (s: string) => {
  let h = 7;
  for (const c of s) h = (h * 31 + c.charCodeAt(0)) % 100000;
  return h.toString(36);
};
const isReady = (p: Pod) =>
  p.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false;
const ownedBy = (o: KubeObj, kind: string, name: string) =>
  (o.metadata.ownerReferences ?? []).some((r) => r.kind === kind && r.name === name);
const addressesOf = (pods: Pod[]) =>
  pods
    .filter(isReady)
    .filter((p) => p.status?.podIP)
    .map((p) => ({ ip: p.status?.podIP as string, targetRef: { kind: "Pod", name: p.metadata.name } }))
    .sort((a, b) => a.ip.localeCompare(b.ip));

/** Endpoints resourceVersion this controller last wrote, per Service (in memory, lost on a crash). */
const written = new Map<string, string>();

export default defineProject({
  name: FIXED ? "endpoints-stale-skip-fixed" : "endpoints-stale-skip",
  controllers: [
    defineController({
      id: "DeploymentController",
      for: DEPLOY,
      owns: [RS],
      reconcile(ctx, req) {
        const d = ctx.get<Deployment>(DEPLOY, req);
        if (!d) return;
        const name = `${req.name}-${hash(JSON.stringify(d.spec?.template ?? {}))}`;
        const rs = ctx.get<ReplicaSet>(RS, { namespace: req.namespace, name });
        const replicas = d.spec?.replicas ?? 1;
        if (!rs) {
          ctx.create({
            apiVersion: "apps/v1",
            kind: "ReplicaSet",
            metadata: {
              name,
              namespace: req.namespace,
              labels: { ...(d.spec?.selector?.matchLabels ?? {}) },
              ownerReferences: [
                { apiVersion: "apps/v1", kind: "Deployment", name: req.name, controller: true },
              ],
            },
            spec: { replicas, selector: d.spec?.selector, template: d.spec?.template },
          });
          return;
        }
        if (rs.spec?.replicas !== replicas)
          ctx.patch({
            apiVersion: "apps/v1",
            kind: "ReplicaSet",
            metadata: { name, namespace: req.namespace },
            spec: { replicas },
          });
        const ready = rs.status?.readyReplicas ?? 0;
        if ((d.status?.readyReplicas ?? 0) !== ready)
          ctx.patchStatus({
            apiVersion: "apps/v1",
            kind: "Deployment",
            metadata: { name: req.name, namespace: req.namespace },
            status: { readyReplicas: ready },
          });
      },
    }),
    defineController({
      id: "ReplicaSetController",
      for: RS,
      owns: [POD],
      reconcile(ctx, req) {
        const rs = ctx.get<ReplicaSet>(RS, req);
        if (!rs) return;
        const pods = ctx
          .list<Pod>(POD, { namespace: req.namespace, labels: rs.spec?.selector?.matchLabels ?? {} })
          .filter((p) => ownedBy(p, "ReplicaSet", req.name));
        const have = new Set(pods.map((p) => p.metadata.name));
        for (let i = 0; i < (rs.spec?.replicas ?? 1); i++) {
          const name = `${req.name}-${i}`;
          if (have.has(name)) continue;
          try {
            ctx.create({
              apiVersion: "v1",
              kind: "Pod",
              metadata: {
                name,
                namespace: req.namespace,
                labels: { ...(rs.spec?.template?.metadata?.labels ?? {}) },
                ownerReferences: [
                  { apiVersion: "apps/v1", kind: "ReplicaSet", name: req.name, controller: true },
                ],
              },
              spec: { nodeName: `node-${i % 2}`, containers: rs.spec?.template?.spec?.containers ?? [] },
            });
          } catch (e) {
            if (!isAlreadyExists(e)) throw e;
          }
        }
        const ready = pods.filter(isReady).length;
        if ((rs.status?.readyReplicas ?? 0) !== ready)
          ctx.patchStatus({
            apiVersion: "apps/v1",
            kind: "ReplicaSet",
            metadata: { name: req.name, namespace: req.namespace },
            status: { readyReplicas: ready },
          });
      },
    }),
    defineController({
      id: "Kubelet",
      for: POD,
      reconcile(ctx, req) {
        const pod = ctx.get<Pod>(POD, req);
        if (!pod?.spec?.nodeName || pod.metadata.deletionTimestamp) return;
        const meta = { name: req.name, namespace: req.namespace };
        if (pod.status?.phase !== "Running") {
          const slot = Number(req.name.split("-").pop()) || 0;
          ctx.patchStatus({
            apiVersion: "v1",
            kind: "Pod",
            metadata: meta,
            status: { phase: "Running", podIP: `10.0.0.${10 + slot}` },
          });
          return;
        }
        if (!isReady(pod))
          ctx.patchStatus({
            apiVersion: "v1",
            kind: "Pod",
            metadata: meta,
            status: { conditions: [{ type: "Ready", status: "True" }] },
          });
      },
    }),
    defineController({
      id: "EndpointsController",
      for: SVC,
      reads: [EP],
      watches: [
        {
          kind: POD,
          map: (o) =>
            o.metadata.labels?.app
              ? [{ namespace: o.metadata.namespace ?? "", name: o.metadata.labels.app }]
              : [],
        },
      ],
      onCrash: () => written.clear(),
      onFork: () => written.clear(),
      reconcile(ctx, req) {
        const svc = ctx.get<Service>(SVC, req);
        if (!svc) return;
        const key = `${req.namespace}/${req.name}`;
        const ep = ctx.get<Endpoints>(EP, req);
        const last = written.get(key);
        if (last !== undefined && ep?.metadata.resourceVersion !== last) {
          // The Endpoints cache is older than this controller's own last write.
          if (FIXED) throw new Error(`endpoints cache for ${key} is out of date; retrying`);
          return; // BUG: nothing re-queues the Service once the cache catches up.
        }
        const pods = ctx.list<Pod>(POD, { namespace: req.namespace, labels: svc.spec?.selector ?? {} });
        const addresses = addressesOf(pods);
        const subsets = addresses.length ? [{ addresses }] : [];
        if (!ep) {
          const out = ctx.create({
            apiVersion: "v1",
            kind: "Endpoints",
            metadata: {
              name: req.name,
              namespace: req.namespace,
              ownerReferences: [{ apiVersion: "v1", kind: "Service", name: req.name, controller: true }],
            },
            subsets,
          } as KubeObj);
          written.set(key, out.metadata.resourceVersion as string);
          return;
        }
        if (JSON.stringify(ep.subsets ?? []) === JSON.stringify(subsets)) return;
        const out = ctx.update({ ...ep, subsets } as KubeObj);
        written.set(key, out.metadata.resourceVersion as string);
      },
    }),
  ],
  invariants: [
    {
      name: "a Service's Endpoints list exactly its ready Pods",
      check(view) {
        return (view.list(SVC) as Service[]).flatMap((s) => {
          const ns = s.metadata.namespace ?? "";
          const want = addressesOf(
            view.list(POD, { namespace: ns, labels: s.spec?.selector ?? {} }) as Pod[],
          ).map((a) => a.targetRef.name);
          const ep = view.get(EP, s.metadata.name, ns) as Endpoints | null;
          const have = (ep?.subsets ?? [])
            .flatMap((x) => x.addresses ?? [])
            .map((a) => a.targetRef?.name ?? a.ip);
          if (JSON.stringify([...want].sort()) === JSON.stringify([...have].sort())) return [];
          return [
            {
              message: `Service ${ns}/${s.metadata.name}: ready Pods [${want.join(", ")}], Endpoints [${have.join(", ")}]`,
              objects: [
                { kind: SVC, namespace: ns, name: s.metadata.name },
                { kind: EP, namespace: ns, name: s.metadata.name },
              ],
            },
          ];
        });
      },
    },
  ],
});
