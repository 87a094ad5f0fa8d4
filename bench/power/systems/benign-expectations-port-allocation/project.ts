/**
 * benign-expectations-port-allocation (clean control, benign nondeterminism). PortController gives every Tunnel a
 * unique port from 30000–30009: it lists its Tunnels in the cache and takes the lowest port nobody holds. To not
 * trust a cache that may not show its own latest writes yet, it keeps "expectations" in memory, as the ReplicaSet
 * controller does: every port it writes is remembered until the cache shows it, and counted as held meanwhile. The
 * memory is lost on a restart, but a restarted manager syncs its caches from a fresh LIST before any reconcile runs,
 * so nothing it wrote before is missed. (onCrash / onFork reset the memory, as the embedded API asks.) Which Tunnel
 * gets which port depends on order; every outcome with distinct ports is valid.
 */
import { defineController, defineProject, type KubeObj } from "ctrlhunt";

const TUNNEL = "demo.example/Tunnel";
const FIRST_PORT = 30000;
const LAST_PORT = 30009;

type Tunnel = KubeObj & { status?: { port?: number } };

/** ns/name → port written by this process and not yet seen in the cache. */
const expected = new Map<string, number>();

export default defineProject({
  name: "benign-expectations-port-allocation",
  controllers: [
    defineController({
      id: "PortController",
      for: TUNNEL,
      onCrash: () => expected.clear(),
      onFork: () => expected.clear(),
      reconcile(ctx, req) {
        const cached = ctx.list<Tunnel>(TUNNEL, { namespace: req.namespace });
        for (const t of cached) {
          const k = `${req.namespace}/${t.metadata.name}`;
          if (t.status?.port !== undefined && expected.get(k) === t.status.port) expected.delete(k);
        }
        const tunnel = cached.find((t) => t.metadata.name === req.name);
        if (!tunnel || tunnel.status?.port || expected.has(`${req.namespace}/${req.name}`)) return;
        const used = new Set<number>();
        for (const t of cached) if (t.status?.port) used.add(t.status.port);
        for (const [k, p] of expected) if (k.startsWith(`${req.namespace}/`)) used.add(p);
        let port = FIRST_PORT;
        while (used.has(port) && port <= LAST_PORT) port++;
        if (port > LAST_PORT) throw new Error("no free port");
        ctx.updateStatus({ ...tunnel, status: { port } });
        expected.set(`${req.namespace}/${req.name}`, port);
      },
    }),
  ],
  invariants: [
    {
      name: "every tunnel has a port of its own",
      check(view) {
        const all = view.list(TUNNEL) as Tunnel[];
        return all.flatMap((t) => {
          const p = t.status?.port;
          const others = all.filter((o) => o !== t && o.status?.port === p);
          return p && others.length === 0
            ? []
            : [
                {
                  message: `Tunnel ${t.metadata.name} has port ${p ?? "none"}${others.length ? `, shared with ${others.map((o) => o.metadata.name).join(", ")}` : ""}`,
                  objects: [{ kind: TUNNEL, namespace: t.metadata.namespace ?? "", name: t.metadata.name }],
                },
              ];
        });
      },
    },
  ],
});
