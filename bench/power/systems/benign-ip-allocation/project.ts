/**
 * benign-ip-allocation (clean control, benign nondeterminism). IPAMController gives each IPClaim the lowest free
 * address of a two-address pool by creating an IPAddress object named after the address; the API server's
 * AlreadyExists makes that create a lock, so a claim that picked a taken address tries the next one. Which claim gets
 * 10.0.0.10 and which 10.0.0.11 depends on the order the claims are reconciled: both outcomes are correct, and the
 * invariants say what "correct" means (every claim has its own address, owned by it).
 */
import { defineController, defineProject, isAlreadyExists, type KubeObj } from "ctrlhunt";

const CLAIM = "demo.example/IPClaim";
const ADDRESS = "demo.example/IPAddress";
const POOL = ["10.0.0.10", "10.0.0.11"];

type Claim = KubeObj & { status?: { address?: string } };
type Address = KubeObj & { spec?: { claim?: string } };

const addressName = (ip: string) => `ip-${ip.replaceAll(".", "-")}`;

export default defineProject({
  name: "benign-ip-allocation",
  controllers: [
    defineController({
      id: "IPAMController",
      for: CLAIM,
      owns: [ADDRESS],
      reconcile(ctx, req) {
        const claim = ctx.get<Claim>(CLAIM, req);
        if (!claim || claim.status?.address) return;
        const mine = ctx
          .list<Address>(ADDRESS, { namespace: req.namespace })
          .find((a) => a.spec?.claim === req.name);
        for (const ip of mine ? [String(mine.metadata.annotations?.["demo.example/ip"])] : POOL) {
          if (!mine) {
            try {
              ctx.create({
                apiVersion: "demo.example/v1",
                kind: "IPAddress",
                metadata: {
                  name: addressName(ip),
                  namespace: req.namespace,
                  annotations: { "demo.example/ip": ip },
                  ownerReferences: [
                    { apiVersion: "demo.example/v1", kind: "IPClaim", name: req.name, controller: true },
                  ],
                },
                spec: { claim: req.name },
              });
            } catch (e) {
              if (isAlreadyExists(e)) continue;
              throw e;
            }
          }
          ctx.updateStatus({ ...claim, status: { address: ip } });
          return;
        }
        return { requeueAfterMs: 60_000 };
      },
    }),
  ],
  invariants: [
    {
      name: "every claim holds its own address",
      check(view) {
        const claims = view.list(CLAIM) as Claim[];
        const seen = new Map<string, string>();
        return claims.flatMap((c) => {
          const ns = c.metadata.namespace ?? "";
          const ip = c.status?.address;
          const addr = ip ? (view.get(ADDRESS, addressName(ip), ns) as Address | null) : null;
          const dup = ip ? seen.get(ip) : undefined;
          if (ip) seen.set(ip, c.metadata.name);
          return ip && addr?.spec?.claim === c.metadata.name && !dup
            ? []
            : [
                {
                  message: `IPClaim ${ns}/${c.metadata.name} has address ${ip ?? "none"}${dup ? `, also given to ${dup}` : ""}`,
                  objects: [{ kind: CLAIM, namespace: ns, name: c.metadata.name }],
                },
              ];
        });
      },
    },
  ],
});
