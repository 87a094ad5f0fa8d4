/**
 * benign-endpoints-append-order (benign control, planted: false). A ReplicaSet behind a Service, three controllers:
 * ReplicaSetController (Pods by slot, `<rs>-<i>`, AlreadyExists tolerated), Kubelet (a Pod goes Running with an IP,
 * then Ready) and EndpointsController (the Service's Endpoints list its ready Pods). To keep client connection pools
 * stable, EndpointsController never reorders addresses already published: addresses of Pods still ready keep their
 * place and newly ready Pods are appended (sorted by name within one sync); it writes with an optimistic update (the
 * resourceVersion it read), so a stale copy gets Conflict and is retried. The final order of the addresses therefore
 * depends on the order in which Pods became ready and on how syncs batched them: every order is valid (consumers
 * treat the list as a set). The invariants hold in every valid outcome: the Endpoints hold exactly the ready Pods,
 * each once, with their current IPs, and every Pod is Ready.
 */
import { defineController, defineProject, isAlreadyExists, isConflict, type KubeObj } from "ctrlhunt";

const RS = "apps/ReplicaSet";
const POD = "core/Pod";
const SVC = "core/Service";
const EP = "core/Endpoints";

type ReplicaSet = KubeObj & {
  spec?: {
    replicas?: number;
    selector?: { matchLabels?: Record<string, string> };
    template?: { metadata?: { labels?: Record<string, string> }; spec?: { containers?: unknown[] } };
  };
};
type Pod = KubeObj & {
  status?: { phase?: string; podIP?: string; conditions?: { type: string; status: string }[] };
};
type Service = KubeObj & { spec?: { selector?: Record<string, string> } };
type Address = { ip: string; targetRef: { kind: string; name: string } };
type Endpoints = KubeObj & { subsets?: { addresses?: Address[] }[] };

const isReady = (p: Pod) =>
  !p.metadata.deletionTimestamp &&
  (p.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false) &&
  !!p.status?.podIP;
const addressesOf = (ep: Endpoints | null) => (ep?.subsets ?? []).flatMap((s) => s.addresses ?? []);

export default defineProject({
  name: "benign-endpoints-append-order",
  controllers: [
    defineController({
      id: "ReplicaSetController",
      for: RS,
      owns: [POD],
      reconcile(ctx, req) {
        const rs = ctx.get<ReplicaSet>(RS, req);
        if (!rs) return;
        for (let i = 0; i < (rs.spec?.replicas ?? 1); i++) {
          const name = `${req.name}-${i}`;
          if (ctx.get(POD, { namespace: req.namespace, name })) continue;
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
      },
    }),
    defineController({
      id: "Kubelet",
      for: POD,
      reconcile(ctx, req) {
        const pod = ctx.get<Pod>(POD, req);
        if (!pod || pod.metadata.deletionTimestamp) return;
        const meta = { name: req.name, namespace: req.namespace };
        if (pod.status?.phase !== "Running") {
          const slot = Number(req.name.split("-").pop()) || 0;
          ctx.patchStatus({
            apiVersion: "v1",
            kind: "Pod",
            metadata: meta,
            status: { phase: "Running", podIP: `10.1.0.${10 + slot}` },
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
      owns: [EP],
      watches: [
        {
          kind: POD,
          map: (o) =>
            o.metadata.labels?.app
              ? [{ namespace: o.metadata.namespace ?? "", name: o.metadata.labels.app }]
              : [],
        },
      ],
      reconcile(ctx, req) {
        const svc = ctx.get<Service>(SVC, req);
        if (!svc) return;
        const ready = ctx
          .list<Pod>(POD, { namespace: req.namespace, labels: svc.spec?.selector ?? {} })
          .filter(isReady);
        const ipOf = new Map(ready.map((p) => [p.metadata.name, p.status?.podIP as string]));
        const ep = ctx.get<Endpoints>(EP, req);
        const kept = addressesOf(ep)
          .filter((a) => ipOf.get(a.targetRef.name) === a.ip)
          .map((a) => ({ ip: a.ip, targetRef: { kind: "Pod", name: a.targetRef.name } }));
        const known = new Set(kept.map((a) => a.targetRef.name));
        const added = [...ipOf]
          .filter(([name]) => !known.has(name))
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([name, ip]) => ({ ip, targetRef: { kind: "Pod", name } }));
        const addresses = [...kept, ...added];
        const subsets = addresses.length ? [{ addresses }] : [];
        if (!ep) {
          try {
            ctx.create({
              apiVersion: "v1",
              kind: "Endpoints",
              metadata: {
                name: req.name,
                namespace: req.namespace,
                ownerReferences: [{ apiVersion: "v1", kind: "Service", name: req.name, controller: true }],
              },
              subsets,
            } as KubeObj);
          } catch (e) {
            if (isAlreadyExists(e))
              throw new Error(`endpoints ${req.name} exist but are not in the cache yet`);
            throw e;
          }
          return;
        }
        if (JSON.stringify(ep.subsets ?? []) === JSON.stringify(subsets)) return;
        try {
          ctx.update({ ...ep, subsets } as KubeObj); // carries the resourceVersion read: optimistic
        } catch (e) {
          if (isConflict(e)) throw new Error(`endpoints ${req.name} changed meanwhile; retrying`);
          throw e;
        }
      },
    }),
  ],
  invariants: [
    {
      name: "the Endpoints hold exactly the ready Pods, each once",
      check(view) {
        return (view.list(SVC) as Service[]).flatMap((s) => {
          const ns = s.metadata.namespace ?? "";
          const want = (view.list(POD, { namespace: ns, labels: s.spec?.selector ?? {} }) as Pod[])
            .filter(isReady)
            .map((p) => `${p.metadata.name}=${p.status?.podIP}`)
            .sort();
          const have = addressesOf(view.get(EP, s.metadata.name, ns) as Endpoints | null).map(
            (a) => `${a.targetRef.name}=${a.ip}`,
          );
          if (JSON.stringify(want) === JSON.stringify([...have].sort())) return [];
          return [
            {
              message: `Service ${ns}/${s.metadata.name}: ready [${want.join(", ")}], Endpoints [${have.join(", ")}]`,
              objects: [
                { kind: SVC, namespace: ns, name: s.metadata.name },
                { kind: EP, namespace: ns, name: s.metadata.name },
              ],
            },
          ];
        });
      },
    },
    {
      name: "every Pod of the ReplicaSet is Ready",
      check(view) {
        return (view.list(RS) as ReplicaSet[]).flatMap((rs) => {
          const ns = rs.metadata.namespace ?? "";
          const out = [];
          for (let i = 0; i < (rs.spec?.replicas ?? 1); i++) {
            const pod = view.get(POD, `${rs.metadata.name}-${i}`, ns) as Pod | null;
            if (pod && isReady(pod)) continue;
            out.push({
              message: `Pod ${ns}/${rs.metadata.name}-${i} is not Ready`,
              objects: [{ kind: POD, namespace: ns, name: `${rs.metadata.name}-${i}` }],
            });
          }
          return out;
        });
      },
    },
  ],
});
