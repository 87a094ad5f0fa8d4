/**
 * cluster-scoped-stale-label-fixed (twin of cluster-scoped-stale-label). A Node whose class shows no zone yet is
 * re-checked after a delay (requeueAfter) until the class is resolved, so a stale view only delays the label.
 */
import { defineController, defineProject, type KubeObj } from "ctrlhunt";

const NODECLASS = "demo.example/NodeClass";
const NODE = "core/Node";
const CLASS_LABEL = "demo.example/node-class";
const ZONE_LABEL = "topology.kubernetes.io/zone";

type NodeClass = KubeObj & { spec?: { region?: string }; status?: { zone?: string } };

export default defineProject({
  name: "cluster-scoped-stale-label-fixed",
  controllers: [
    defineController({
      id: "NodeClassController",
      for: NODECLASS,
      reconcile(ctx, req) {
        const nc = ctx.get<NodeClass>(NODECLASS, req);
        if (!nc?.spec?.region || nc.status?.zone) return;
        ctx.updateStatus({ ...nc, status: { zone: `${nc.spec.region}a` } });
      },
    }),
    defineController({
      id: "NodeLabeler",
      for: NODE,
      reads: [NODECLASS],
      reconcile(ctx, req) {
        const node = ctx.get(NODE, req);
        const cls = node?.metadata.labels?.[CLASS_LABEL];
        if (!node || !cls) return;
        const zone = ctx.get<NodeClass>(NODECLASS, { namespace: "", name: cls })?.status?.zone ?? "unknown";
        const retry = zone === "unknown" ? { requeueAfterMs: 30_000 } : {};
        if (node.metadata.labels?.[ZONE_LABEL] === zone) return retry;
        ctx.patch({
          apiVersion: "v1",
          kind: "Node",
          metadata: { name: req.name, labels: { [ZONE_LABEL]: zone } },
        });
        return retry;
      },
    }),
  ],
  invariants: [
    {
      name: "nodes carry their class's zone",
      check(view) {
        return view.list(NODE).flatMap((n) => {
          const cls = n.metadata.labels?.[CLASS_LABEL];
          const zone = cls ? (view.get(NODECLASS, cls) as NodeClass | null)?.status?.zone : undefined;
          return !zone || n.metadata.labels?.[ZONE_LABEL] === zone
            ? []
            : [
                {
                  message: `Node ${n.metadata.name} is labelled ${n.metadata.labels?.[ZONE_LABEL] ?? "nothing"}, its class ${cls} is in ${zone}`,
                  objects: [{ kind: NODE, namespace: "", name: n.metadata.name }],
                },
              ];
        });
      },
    },
  ],
});
