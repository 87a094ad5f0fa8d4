/**
 * statefulset-pvc-pod-owner-fixed (twin of statefulset-pvc-pod-owner; FIXED = true). A StatefulSet with per-ordinal volumes, four controllers: StatefulSetController
 * (OrderedReady: Pod `<set>-<i>` is created only when every lower ordinal runs; each Pod gets a claim
 * `data-<set>-<i>` from the volumeClaimTemplate), VolumeProvisioner (a claim without a volume gets a dynamically
 * provisioned PersistentVolume `pvc-<claim uid>`, reclaimPolicy Retain, and is bound to it), PVController (a PV whose
 * claim is gone, or is another incarnation of the claim, goes Released) and Kubelet (a Pod runs once its claim is
 * Bound, and records the volume it mounted). The bug: the claim's ownerReference names the *Pod* instead of the
 * StatefulSet. Deleting a Pod is routine (a restart, an eviction), and the garbage collector then deletes its claim:
 * the re-created Pod gets a fresh, empty volume while its data stays behind in a Released PV. The twin
 * (statefulset-pvc-pod-owner-fixed) makes the StatefulSet the claim's owner (whenDeleted: Delete retention), so a
 * Pod restart keeps its claim and volume.
 */
import { defineController, defineProject, isAlreadyExists, type KubeObj } from "ctrlhunt";

const FIXED = true;

const STS = "apps/StatefulSet";
const POD = "core/Pod";
const PVC = "core/PersistentVolumeClaim";
const PV = "core/PersistentVolume";
const SET_LABEL = "statefulset.demo/name";

type StatefulSet = KubeObj & {
  spec?: {
    replicas?: number;
    template?: { spec?: { containers?: unknown[] } };
    volumeClaimTemplate?: { storage?: string; storageClassName?: string };
  };
};
type Pod = KubeObj & {
  spec?: { volumes?: { name: string; persistentVolumeClaim: { claimName: string } }[] };
  status?: { phase?: string; mountedVolume?: string };
};
type Claim = KubeObj & {
  spec?: { volumeName?: string; resources?: { requests?: { storage?: string } } };
  status?: { phase?: string };
};
type Volume = KubeObj & {
  spec?: {
    claimRef?: { namespace: string; name: string; uid: string };
    persistentVolumeReclaimPolicy?: string;
    capacity?: { storage?: string };
  };
  status?: { phase?: string };
};

const claimName = (set: string, i: number) => `data-${set}-${i}`;

export default defineProject({
  name: FIXED ? "statefulset-pvc-pod-owner-fixed" : "statefulset-pvc-pod-owner",
  controllers: [
    defineController({
      id: "StatefulSetController",
      for: STS,
      owns: [POD],
      watches: [
        {
          kind: PVC,
          map: (o) =>
            o.metadata.labels?.[SET_LABEL]
              ? [{ namespace: o.metadata.namespace ?? "", name: o.metadata.labels[SET_LABEL] }]
              : [],
        },
      ],
      reconcile(ctx, req) {
        const sts = ctx.get<StatefulSet>(STS, req);
        if (!sts || sts.metadata.deletionTimestamp) return;
        for (let i = 0; i < (sts.spec?.replicas ?? 1); i++) {
          const podName = `${req.name}-${i}`;
          const claim = claimName(req.name, i);
          let pod = ctx.get<Pod>(POD, { namespace: req.namespace, name: podName });
          if (!pod) {
            try {
              pod = ctx.create({
                apiVersion: "v1",
                kind: "Pod",
                metadata: {
                  name: podName,
                  namespace: req.namespace,
                  labels: { [SET_LABEL]: req.name },
                  ownerReferences: [
                    { apiVersion: "apps/v1", kind: "StatefulSet", name: req.name, controller: true },
                  ],
                },
                spec: {
                  containers: sts.spec?.template?.spec?.containers ?? [],
                  volumes: [{ name: "data", persistentVolumeClaim: { claimName: claim } }],
                },
              }) as Pod;
            } catch (e) {
              if (!isAlreadyExists(e)) throw e;
              throw new Error(`pod ${podName} exists but is not in the cache yet`);
            }
          }
          if (!ctx.get(PVC, { namespace: req.namespace, name: claim })) {
            const owner = FIXED
              ? { apiVersion: "apps/v1", kind: "StatefulSet", name: req.name, uid: sts.metadata.uid }
              : { apiVersion: "v1", kind: "Pod", name: podName, uid: pod.metadata.uid };
            try {
              ctx.create({
                apiVersion: "v1",
                kind: "PersistentVolumeClaim",
                metadata: {
                  name: claim,
                  namespace: req.namespace,
                  labels: { [SET_LABEL]: req.name },
                  ownerReferences: [owner],
                },
                spec: {
                  storageClassName: sts.spec?.volumeClaimTemplate?.storageClassName ?? "standard",
                  resources: { requests: { storage: sts.spec?.volumeClaimTemplate?.storage ?? "1Gi" } },
                },
              });
            } catch (e) {
              if (!isAlreadyExists(e)) throw e;
            }
          }
          if (pod.status?.phase !== "Running") return; // OrderedReady: the next ordinal waits for this one
        }
      },
    }),
    defineController({
      id: "VolumeProvisioner",
      for: PVC,
      reconcile(ctx, req) {
        const claim = ctx.get<Claim>(PVC, req);
        if (!claim || claim.metadata.deletionTimestamp || claim.status?.phase === "Bound") return;
        const uid = claim.metadata.uid as string;
        const pvName = `pvc-${uid}`;
        if (!ctx.get(PV, { namespace: "", name: pvName })) {
          try {
            ctx.create({
              apiVersion: "v1",
              kind: "PersistentVolume",
              metadata: { name: pvName },
              spec: {
                capacity: { storage: claim.spec?.resources?.requests?.storage ?? "1Gi" },
                persistentVolumeReclaimPolicy: "Retain",
                claimRef: { namespace: req.namespace, name: req.name, uid },
              },
            });
          } catch (e) {
            if (!isAlreadyExists(e)) throw e;
          }
        }
        if (claim.spec?.volumeName !== pvName)
          ctx.patch({
            apiVersion: "v1",
            kind: "PersistentVolumeClaim",
            metadata: { name: req.name, namespace: req.namespace },
            spec: { volumeName: pvName },
          });
        ctx.patchStatus({
          apiVersion: "v1",
          kind: "PersistentVolumeClaim",
          metadata: { name: req.name, namespace: req.namespace },
          status: { phase: "Bound" },
        });
      },
    }),
    defineController({
      id: "PVController",
      for: PV,
      watches: [
        {
          kind: PVC,
          map: (o) =>
            (o as Claim).spec?.volumeName
              ? [{ namespace: "", name: (o as Claim).spec?.volumeName as string }]
              : [],
        },
      ],
      reconcile(ctx, req) {
        const pv = ctx.get<Volume>(PV, req);
        const ref = pv?.spec?.claimRef;
        if (!pv || !ref) return;
        const claim = ctx.get<Claim>(PVC, { namespace: ref.namespace, name: ref.name });
        const phase =
          claim && claim.metadata.uid === ref.uid
            ? claim.spec?.volumeName === req.name
              ? "Bound"
              : "Pending"
            : "Released";
        // (Retain: the real controller never re-binds a Released volume, and re-checks the API server before
        // releasing; here a claim the cache does not show yet only releases until the cache shows it.)
        if (pv.status?.phase === phase) return;
        ctx.patchStatus({
          apiVersion: "v1",
          kind: "PersistentVolume",
          metadata: { name: req.name },
          status: { phase },
        });
      },
    }),
    defineController({
      id: "Kubelet",
      for: POD,
      watches: [
        {
          kind: PVC,
          map: (o) =>
            o.metadata.name.startsWith("data-")
              ? [{ namespace: o.metadata.namespace ?? "", name: o.metadata.name.slice("data-".length) }]
              : [],
        },
      ],
      reconcile(ctx, req) {
        const pod = ctx.get<Pod>(POD, req);
        if (!pod || pod.metadata.deletionTimestamp || pod.status?.phase === "Running") return;
        const claimRef = pod.spec?.volumes?.[0]?.persistentVolumeClaim.claimName;
        const claim = claimRef ? ctx.get<Claim>(PVC, { namespace: req.namespace, name: claimRef }) : null;
        if (claimRef && (claim?.status?.phase !== "Bound" || !claim.spec?.volumeName)) return; // the claim's change re-queues us
        ctx.patchStatus({
          apiVersion: "v1",
          kind: "Pod",
          metadata: { name: req.name, namespace: req.namespace },
          status: { phase: "Running", mountedVolume: claim?.spec?.volumeName ?? "" },
        });
      },
    }),
  ],
  invariants: [
    {
      name: "no volume of a StatefulSet is left Released",
      check(view) {
        return (view.list(PV) as Volume[]).flatMap((pv) => {
          const ref = pv.spec?.claimRef;
          if (!ref) return [];
          const claim = view.get(PVC, ref.name, ref.namespace) as Claim | null;
          if (claim && claim.metadata.uid === ref.uid && claim.spec?.volumeName === pv.metadata.name)
            return [];
          return [
            {
              message: `PersistentVolume ${pv.metadata.name} (phase ${pv.status?.phase ?? "none"}) was provisioned for ${ref.namespace}/${ref.name} uid ${ref.uid}, which no longer holds it`,
              objects: [
                { kind: PV, namespace: "", name: pv.metadata.name },
                { kind: PVC, namespace: ref.namespace, name: ref.name },
              ],
            },
          ];
        });
      },
    },
    {
      name: "every StatefulSet Pod runs on its claim's volume",
      check(view) {
        return (view.list(STS) as StatefulSet[]).flatMap((s) => {
          const ns = s.metadata.namespace ?? "";
          const out = [];
          for (let i = 0; i < (s.spec?.replicas ?? 1); i++) {
            const pod = view.get(POD, `${s.metadata.name}-${i}`, ns) as Pod | null;
            const claim = view.get(PVC, claimName(s.metadata.name, i), ns) as Claim | null;
            if (
              pod?.status?.phase === "Running" &&
              claim?.spec?.volumeName &&
              pod.status.mountedVolume === claim.spec.volumeName
            )
              continue;
            out.push({
              message: `Pod ${ns}/${s.metadata.name}-${i} is ${pod?.status?.phase ?? "missing"} on ${pod?.status?.mountedVolume ?? "no volume"}; its claim holds ${claim?.spec?.volumeName ?? "nothing"}`,
              objects: [
                { kind: POD, namespace: ns, name: `${s.metadata.name}-${i}` },
                { kind: PVC, namespace: ns, name: claimName(s.metadata.name, i) },
              ],
            });
          }
          return out;
        });
      },
    },
  ],
});
