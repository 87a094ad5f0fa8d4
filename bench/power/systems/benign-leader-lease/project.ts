/**
 * benign-leader-lease (clean control, benign nondeterminism). Two replicas of a singleton worker race for the Lease
 * system/reporter-leader: each claims it when it has no holder, with an optimistic update (the resourceVersion it
 * read), so exactly one claim succeeds and the other gets Conflict and, retried, sees the lease taken. The winner
 * then publishes itself in the ConfigMap system/reporter-leader. Which replica wins depends on who runs first: both
 * outcomes are correct, and the invariants say what "correct" means.
 */
import {
  defineController,
  defineProject,
  isConflict,
  type KubeObj,
  type ReconcileContext,
  type Request,
} from "ctrlhunt";

const LEASE = "coordination.k8s.io/Lease";
const CONFIGMAP = "core/ConfigMap";
const REPLICAS = ["reporter-a", "reporter-b"];

type Lease = KubeObj & { spec?: { holderIdentity?: string } };
type ConfigMap = KubeObj & { data?: Record<string, string> };

function replica(identity: string) {
  return defineController({
    id: `Replica-${identity}`,
    for: LEASE,
    reconcile(ctx: ReconcileContext, req: Request) {
      const lease = ctx.get<Lease>(LEASE, req);
      if (!lease) return;
      const holder = lease.spec?.holderIdentity;
      if (!holder) {
        try {
          ctx.update({ ...lease, spec: { ...lease.spec, holderIdentity: identity } });
        } catch (e) {
          if (isConflict(e)) return { requeue: true };
          throw e;
        }
        return;
      }
      if (holder !== identity) return;
      const cm = ctx.get<ConfigMap>(CONFIGMAP, req);
      if (cm?.data?.leader === identity) return;
      ctx.apply({ apiVersion: "v1", kind: "ConfigMap", metadata: { ...req }, data: { leader: identity } });
    },
  });
}

export default defineProject({
  name: "benign-leader-lease",
  controllers: REPLICAS.map(replica),
  invariants: [
    {
      name: "the lease is held by one of the replicas",
      check(view) {
        const lease = view.get(LEASE, "reporter-leader", "system") as Lease | null;
        const holder = lease?.spec?.holderIdentity ?? "";
        return REPLICAS.includes(holder)
          ? []
          : [
              {
                message: `lease holder is "${holder}"`,
                objects: [{ kind: LEASE, namespace: "system", name: "reporter-leader" }],
              },
            ];
      },
    },
    {
      name: "the published leader is the lease holder",
      check(view) {
        const lease = view.get(LEASE, "reporter-leader", "system") as Lease | null;
        const cm = view.get(CONFIGMAP, "reporter-leader", "system") as ConfigMap | null;
        return cm?.data?.leader === lease?.spec?.holderIdentity
          ? []
          : [
              {
                message: `published leader ${cm?.data?.leader ?? "none"}, lease holder ${lease?.spec?.holderIdentity ?? "none"}`,
                objects: [{ kind: CONFIGMAP, namespace: "system", name: "reporter-leader" }],
              },
            ];
      },
    },
  ],
});
