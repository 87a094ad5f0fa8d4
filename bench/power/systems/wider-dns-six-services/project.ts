/**
 * wider-dns-six-services (clean control, wider: a probe of how the hunt's cost grows with independent objects).
 * An external-dns-like setup for six LoadBalancer Services, three controllers: LoadBalancerController (a cloud LB:
 * a Service of type LoadBalancer gets `status.loadBalancer.ingress[0].ip`, an address derived from its own name, so
 * the Services never compete), DNSController (a Service with the `dns.demo/hostname` annotation and an LB address
 * gets a DNSRecord `<service>` in its namespace, owned by it, with the hostname and the address as target; a changed
 * address is patched in) and DNSProvider (publishes a DNSRecord: `status.published` and the targets it published).
 * No bug is planted and there is one outcome: every hostname resolves to its Service's address. Six Services that
 * race independently: every ordering of their reconciles ends alike.
 */
import { defineController, defineProject, isAlreadyExists, type KubeObj } from "ctrlhunt";

const SVC = "core/Service";
const RECORD = "dns.demo/DNSRecord";
const HOSTNAME = "dns.demo/hostname";

type Service = KubeObj & {
  spec?: { type?: string };
  status?: { loadBalancer?: { ingress?: { ip: string }[] } };
};
type DNSRecord = KubeObj & {
  spec?: { dnsName?: string; recordType?: string; targets?: string[] };
  status?: { published?: boolean; publishedTargets?: string[] };
};

const addressFor = (ns: string, name: string) => {
  let h = 17;
  for (const c of `${ns}/${name}`) h = (h * 31 + c.charCodeAt(0)) % 65521;
  return `203.0.113.${(h % 200) + 20}`;
};
const lbIp = (s: Service) => s.status?.loadBalancer?.ingress?.[0]?.ip;

export default defineProject({
  name: "wider-dns-six-services",
  controllers: [
    defineController({
      id: "LoadBalancerController",
      for: SVC,
      reconcile(ctx, req) {
        const svc = ctx.get<Service>(SVC, req);
        if (!svc || svc.spec?.type !== "LoadBalancer" || lbIp(svc)) return;
        ctx.patchStatus({
          apiVersion: "v1",
          kind: "Service",
          metadata: { name: req.name, namespace: req.namespace },
          status: { loadBalancer: { ingress: [{ ip: addressFor(req.namespace, req.name) }] } },
        });
      },
    }),
    defineController({
      id: "DNSController",
      for: SVC,
      owns: [RECORD],
      reconcile(ctx, req) {
        const svc = ctx.get<Service>(SVC, req);
        const host = svc?.metadata.annotations?.[HOSTNAME];
        const ip = svc ? lbIp(svc) : undefined;
        if (!svc || !host || !ip) return;
        const rec = ctx.get<DNSRecord>(RECORD, req);
        const spec = { dnsName: host, recordType: "A", targets: [ip] };
        if (!rec) {
          try {
            ctx.create({
              apiVersion: "dns.demo/v1",
              kind: "DNSRecord",
              metadata: {
                name: req.name,
                namespace: req.namespace,
                ownerReferences: [{ apiVersion: "v1", kind: "Service", name: req.name, controller: true }],
              },
              spec,
            });
          } catch (e) {
            if (!isAlreadyExists(e)) throw e;
            throw new Error(`record ${req.name} exists but is not in the cache yet`);
          }
          return;
        }
        if (JSON.stringify(rec.spec) !== JSON.stringify(spec))
          ctx.patch({
            apiVersion: "dns.demo/v1",
            kind: "DNSRecord",
            metadata: { name: req.name, namespace: req.namespace },
            spec,
          });
      },
    }),
    defineController({
      id: "DNSProvider",
      for: RECORD,
      reconcile(ctx, req) {
        const rec = ctx.get<DNSRecord>(RECORD, req);
        if (!rec || rec.metadata.deletionTimestamp) return;
        const targets = rec.spec?.targets ?? [];
        if (rec.status?.published && JSON.stringify(rec.status.publishedTargets) === JSON.stringify(targets))
          return;
        ctx.patchStatus({
          apiVersion: "dns.demo/v1",
          kind: "DNSRecord",
          metadata: { name: req.name, namespace: req.namespace },
          status: { published: true, publishedTargets: targets },
        });
      },
    }),
  ],
  invariants: [
    {
      name: "every hostname resolves to its Service's load balancer",
      check(view) {
        return (view.list(SVC) as Service[]).flatMap((s) => {
          const ns = s.metadata.namespace ?? "";
          const host = s.metadata.annotations?.[HOSTNAME];
          if (!host || s.spec?.type !== "LoadBalancer") return [];
          const rec = view.get(RECORD, s.metadata.name, ns) as DNSRecord | null;
          const ip = lbIp(s);
          if (
            ip &&
            rec?.spec?.dnsName === host &&
            rec.status?.published &&
            JSON.stringify(rec.status.publishedTargets) === JSON.stringify([ip])
          )
            return [];
          return [
            {
              message: `${host}: Service ${ns}/${s.metadata.name} at ${ip ?? "no address"}, record publishes ${JSON.stringify(rec?.status?.publishedTargets ?? [])}`,
              objects: [
                { kind: SVC, namespace: ns, name: s.metadata.name },
                { kind: RECORD, namespace: ns, name: s.metadata.name },
              ],
            },
          ];
        });
      },
    },
  ],
});
