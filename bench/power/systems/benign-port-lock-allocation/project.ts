/**
 * benign-port-lock-allocation (clean control, benign nondeterminism). PortController gives every Tunnel a unique
 * port from 30000–30009. It lists its own Tunnels in the cache only as a hint (skip ports it already sees held), but
 * the reservation itself is a create of a PortLock object named after the port: the API server's AlreadyExists makes
 * the create the lock, so a stale listing that misses the port it just gave the previous Tunnel only costs one
 * refused create, and the next port is tried. A Tunnel that already owns a lock (crash before the status write)
 * reuses it. Which Tunnel gets which port depends on order: every outcome is valid, the invariants say what valid is.
 */
import { defineController, defineProject, isAlreadyExists, type KubeObj } from "ctrlhunt";

const TUNNEL = "demo.example/Tunnel";
const LOCK = "demo.example/PortLock";
const FIRST_PORT = 30000;
const LAST_PORT = 30009;

type Tunnel = KubeObj & { status?: { port?: number } };
type Lock = KubeObj & { spec?: { tunnel?: string; port?: number } };

export default defineProject({
  name: "benign-port-lock-allocation",
  controllers: [
    defineController({
      id: "PortController",
      for: TUNNEL,
      reads: [LOCK],
      reconcile(ctx, req) {
        const tunnel = ctx.get<Tunnel>(TUNNEL, req);
        if (!tunnel || tunnel.status?.port) return;
        const mine = ctx
          .list<Lock>(LOCK, { namespace: req.namespace })
          .find((l) => l.spec?.tunnel === req.name);
        if (mine?.spec?.port) {
          ctx.updateStatus({ ...tunnel, status: { port: mine.spec.port } });
          return;
        }
        const hinted = new Set(
          ctx.list<Tunnel>(TUNNEL, { namespace: req.namespace }).map((t) => t.status?.port),
        );
        for (let port = FIRST_PORT; port <= LAST_PORT; port++) {
          if (hinted.has(port)) continue;
          try {
            ctx.create({
              apiVersion: "demo.example/v1",
              kind: "PortLock",
              metadata: { name: `port-${port}`, namespace: req.namespace },
              spec: { tunnel: req.name, port },
            });
          } catch (e) {
            if (isAlreadyExists(e)) {
              const held = ctx.get<Lock>(LOCK, { namespace: req.namespace, name: `port-${port}` });
              if (held?.spec?.tunnel !== req.name) continue;
            } else throw e;
          }
          ctx.updateStatus({ ...tunnel, status: { port } });
          return;
        }
        throw new Error("no free port");
      },
    }),
  ],
  invariants: [
    {
      name: "every tunnel holds the lock of its own port",
      check(view) {
        return (view.list(TUNNEL) as Tunnel[]).flatMap((t) => {
          const ns = t.metadata.namespace ?? "";
          const port = t.status?.port;
          const lock = port ? (view.get(LOCK, `port-${port}`, ns) as Lock | null) : null;
          return port && lock?.spec?.tunnel === t.metadata.name
            ? []
            : [
                {
                  message: `Tunnel ${ns}/${t.metadata.name} has port ${port ?? "none"}, lock holder ${lock?.spec?.tunnel ?? "none"}`,
                  objects: [{ kind: TUNNEL, namespace: ns, name: t.metadata.name }],
                },
              ];
        });
      },
    },
  ],
});
