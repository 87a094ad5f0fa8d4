/**
 * stale-port-allocation (planted). PortController gives every Tunnel a unique public port from 30000–30009: for a
 * Tunnel without `status.port` it lists the Tunnels in its cache, collects the ports they hold and writes the
 * lowest free one into the Tunnel's status. The bug: the uniqueness check runs against the informer cache, which
 * may not show yet the port the controller itself just gave the previous Tunnel, so two Tunnels get the same
 * port, for good (neither is ever re-checked). The twin (stale-port-allocation-fixed) reserves the port in a
 * registry ConfigMap with an optimistic update (the resourceVersion it read) before it writes the status: a stale
 * registry copy gets Conflict and is retried from a fresh read, and a Tunnel already in the registry keeps its port.
 */
import { defineController, defineProject, type KubeObj } from "ctrlhunt";

const TUNNEL = "demo.example/Tunnel";
const FIRST_PORT = 30000;
const LAST_PORT = 30009;

type Tunnel = KubeObj & { status?: { port?: number } };

export default defineProject({
  name: "stale-port-allocation",
  controllers: [
    defineController({
      id: "PortController",
      for: TUNNEL,
      reconcile(ctx, req) {
        const tunnel = ctx.get<Tunnel>(TUNNEL, req);
        if (!tunnel || tunnel.status?.port) return;
        const used = new Set(ctx.list<Tunnel>(TUNNEL).map((t) => t.status?.port));
        let port = FIRST_PORT;
        while (used.has(port) && port <= LAST_PORT) port++;
        if (port > LAST_PORT) throw new Error("no free port");
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
