/**
 * benign-scheduler-any-node (benign control, planted: false). A mini batch cluster, four controllers: JobController
 * (a BatchJob's Pods by slot, `<job>-<i>`, AlreadyExists tolerated), NodeLifecycleController (a Node goes Ready),
 * Scheduler (binds an unbound Pod to the Ready, schedulable Node with the fewest Pods and room left, ties by name;
 * waits with an error while no Node fits; binds with a patch carrying the Pod's resourceVersion, so a stale copy
 * gets Conflict instead of binding twice) and Kubelet (a bound Pod runs with its Node's address). Which Node a Pod
 * lands on depends on which Node went Ready first and on the order the Pods are scheduled (and on how stale the
 * Scheduler's view of the other Pods is): every placement on a Ready Node with room is valid. Node capacity (3 Pods)
 * is at least the number of Pods, so a placement counted from a stale listing can never overcommit a Node. The
 * invariants hold in every valid outcome: every Pod bound to a Ready Node and Running there, no Node over capacity.
 */
import { defineController, defineProject, isAlreadyExists, type KubeObj } from "ctrlhunt";

const JOB = "batch.demo/BatchJob";
const NODE = "core/Node";
const POD = "core/Pod";
const JOB_LABEL = "batch.demo/job";

type Job = KubeObj & { spec?: { parallelism?: number; image?: string } };
type Node = KubeObj & {
  spec?: { unschedulable?: boolean };
  status?: {
    capacity?: { pods?: string };
    addresses?: { type: string; address: string }[];
    conditions?: { type: string; status: string }[];
  };
};
type Pod = KubeObj & { spec?: { nodeName?: string }; status?: { phase?: string; hostIP?: string } };

const nodeReady = (n: Node) =>
  n.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false;
const capacity = (n: Node) => Number(n.status?.capacity?.pods ?? "0");
const addressOf = (n: Node) => n.status?.addresses?.find((a) => a.type === "InternalIP")?.address ?? "";

export default defineProject({
  name: "benign-scheduler-any-node",
  controllers: [
    defineController({
      id: "JobController",
      for: JOB,
      owns: [POD],
      reconcile(ctx, req) {
        const job = ctx.get<Job>(JOB, req);
        if (!job) return;
        for (let i = 0; i < (job.spec?.parallelism ?? 1); i++) {
          const name = `${req.name}-${i}`;
          if (ctx.get(POD, { namespace: req.namespace, name })) continue;
          try {
            ctx.create({
              apiVersion: "v1",
              kind: "Pod",
              metadata: {
                name,
                namespace: req.namespace,
                labels: { [JOB_LABEL]: req.name },
                ownerReferences: [
                  { apiVersion: "batch.demo/v1", kind: "BatchJob", name: req.name, controller: true },
                ],
              },
              spec: { containers: [{ name: "work", image: job.spec?.image ?? "worker:1" }] },
            });
          } catch (e) {
            if (!isAlreadyExists(e)) throw e;
          }
        }
      },
    }),
    defineController({
      id: "NodeLifecycleController",
      for: NODE,
      reconcile(ctx, req) {
        const node = ctx.get<Node>(NODE, req);
        if (!node || nodeReady(node)) return;
        ctx.patchStatus({
          apiVersion: "v1",
          kind: "Node",
          metadata: { name: req.name },
          status: { conditions: [{ type: "Ready", status: "True" }] },
        });
      },
    }),
    defineController({
      id: "Scheduler",
      for: POD,
      reads: [NODE],
      reconcile(ctx, req) {
        const pod = ctx.get<Pod>(POD, req);
        if (!pod || pod.spec?.nodeName || pod.metadata.deletionTimestamp) return;
        const pods = ctx.list<Pod>(POD);
        const load = (n: Node) => pods.filter((p) => p.spec?.nodeName === n.metadata.name).length;
        const fits = ctx
          .list<Node>(NODE)
          .filter((n) => nodeReady(n) && !n.spec?.unschedulable && load(n) < capacity(n))
          .sort((a, b) => load(a) - load(b) || a.metadata.name.localeCompare(b.metadata.name));
        if (!fits.length) throw new Error(`no Node fits ${req.namespace}/${req.name} yet`);
        ctx.patch({
          apiVersion: "v1",
          kind: "Pod",
          metadata: {
            name: req.name,
            namespace: req.namespace,
            resourceVersion: pod.metadata.resourceVersion,
          },
          spec: { nodeName: fits[0].metadata.name },
        });
      },
    }),
    defineController({
      id: "Kubelet",
      for: POD,
      reads: [NODE],
      reconcile(ctx, req) {
        const pod = ctx.get<Pod>(POD, req);
        if (!pod?.spec?.nodeName || pod.status?.phase === "Running") return;
        const node = ctx.get<Node>(NODE, { namespace: "", name: pod.spec.nodeName });
        if (!node) throw new Error(`node ${pod.spec.nodeName} not found`);
        ctx.patchStatus({
          apiVersion: "v1",
          kind: "Pod",
          metadata: { name: req.name, namespace: req.namespace },
          status: { phase: "Running", hostIP: addressOf(node) },
        });
      },
    }),
  ],
  invariants: [
    {
      name: "every Pod runs on a Ready Node",
      check(view) {
        return (view.list(POD) as Pod[]).flatMap((p) => {
          const ns = p.metadata.namespace ?? "";
          const node = p.spec?.nodeName ? (view.get(NODE, p.spec.nodeName) as Node | null) : null;
          if (node && nodeReady(node) && p.status?.phase === "Running" && p.status.hostIP === addressOf(node))
            return [];
          return [
            {
              message: `Pod ${ns}/${p.metadata.name} is not running on a Ready Node (node ${p.spec?.nodeName ?? "none"})`,
              objects: [{ kind: POD, namespace: ns, name: p.metadata.name }],
            },
          ];
        });
      },
    },
    {
      name: "no Node runs more Pods than its capacity",
      check(view) {
        const pods = view.list(POD) as Pod[];
        return (view.list(NODE) as Node[]).flatMap((n) => {
          const on = pods.filter((p) => p.spec?.nodeName === n.metadata.name);
          return on.length <= capacity(n)
            ? []
            : [
                {
                  message: `Node ${n.metadata.name} runs ${on.length} Pods, capacity ${capacity(n)}`,
                  objects: [{ kind: NODE, namespace: "", name: n.metadata.name }],
                },
              ];
        });
      },
    },
  ],
});
