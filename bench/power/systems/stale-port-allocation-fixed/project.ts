/**
 * stale-port-allocation-fixed (twin of stale-port-allocation). PortController gives every Tunnel a unique port
 * from 30000–30009. Fixed: the source of truth is the registry ConfigMap edge/tunnel-ports (`data[port] = tunnel`),
 * updated with the resourceVersion it was read at, before the Tunnel's status is written. A stale registry copy
 * makes the reservation fail with Conflict and the reconcile is retried from a fresh read; a Tunnel that already
 * has a reservation (e.g. after a crash before the status write, or a stale Tunnel copy) reuses it.
 */
import { defineController, defineProject, type KubeObj } from "ctrlhunt";

const TUNNEL = "demo.example/Tunnel";
const CONFIGMAP = "core/ConfigMap";
const REGISTRY = { namespace: "edge", name: "tunnel-ports" };
const FIRST_PORT = 30000;
const LAST_PORT = 30009;

type Tunnel = KubeObj & { status?: { port?: number } };
type ConfigMap = KubeObj & { data?: Record<string, string> };

export default defineProject({
  name: "stale-port-allocation-fixed",
  controllers: [
    defineController({
      id: "PortController",
      for: TUNNEL,
      reads: [CONFIGMAP],
      reconcile(ctx, req) {
        const tunnel = ctx.get<Tunnel>(TUNNEL, req);
        if (!tunnel || tunnel.status?.port) return;
        const registry = ctx.get<ConfigMap>(CONFIGMAP, REGISTRY);
        if (!registry) throw new Error("port registry edge/tunnel-ports not found");
        const data = registry.data ?? {};
        const mine = Object.entries(data).find(([, t]) => t === req.name)?.[0];
        let port = mine ? Number(mine) : FIRST_PORT;
        if (!mine) {
          while (data[String(port)] && port <= LAST_PORT) port++;
          if (port > LAST_PORT) throw new Error("no free port");
          ctx.update({ ...registry, data: { ...data, [String(port)]: req.name } });
        }
        ctx.updateStatus({ ...tunnel, status: { port } });
      },
    }),
  ],
  invariants: [
    {
      name: "no two tunnels share a port",
      check(view) {
        const byPort = new Map<number, Tunnel[]>();
        for (const t of view.list(TUNNEL) as Tunnel[]) {
          const p = t.status?.port;
          if (p) byPort.set(p, [...(byPort.get(p) ?? []), t]);
        }
        return [...byPort]
          .filter(([, ts]) => ts.length > 1)
          .map(([p, ts]) => ({
            message: `port ${p} is held by ${ts.map((t) => t.metadata.name).join(", ")}`,
            objects: ts.map((t) => ({
              kind: TUNNEL,
              namespace: t.metadata.namespace ?? "",
              name: t.metadata.name,
            })),
          }));
      },
    },
  ],
});
