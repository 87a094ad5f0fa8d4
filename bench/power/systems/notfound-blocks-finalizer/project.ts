/**
 * notfound-blocks-finalizer (planted). SiteController gives every Site a DNS record (a DnsRecord `<site>-dns` in
 * the same namespace) and holds a finalizer on the Site until the record is gone. A second controller,
 * SiteDnsJanitor (the DNS team's own cleanup), deletes every DnsRecord whose Site is being deleted. The bug: on Site
 * deletion SiteController deletes the record unconditionally and treats NotFound as a hard error, so when the
 * janitor got there first the delete fails on every retry, the finalizer is never removed and the Site stays
 * terminating for good. The twin (notfound-blocks-finalizer-fixed) treats NotFound as "already deleted" and
 * removes its finalizer.
 */
import { defineController, defineProject, type KubeObj } from "ctrlhunt";

const SITE = "demo.example/Site";
const DNS = "demo.example/DnsRecord";
const FINALIZER = "demo.example/dns-cleanup";

type Site = KubeObj & { spec?: { host?: string } };

const recordName = (site: string) => `${site}-dns`;

export default defineProject({
  name: "notfound-blocks-finalizer",
  controllers: [
    defineController({
      id: "SiteController",
      for: SITE,
      owns: [DNS],
      reconcile(ctx, req) {
        const site = ctx.get<Site>(SITE, req);
        if (!site) return;
        const finalizers = site.metadata.finalizers ?? [];
        if (site.metadata.deletionTimestamp) {
          if (!finalizers.includes(FINALIZER)) return;
          // BUG: an already deleted record answers NotFound, which is thrown and retried forever.
          ctx.delete(DNS, { namespace: req.namespace, name: recordName(req.name) });
          ctx.update({
            ...site,
            metadata: { ...site.metadata, finalizers: finalizers.filter((f) => f !== FINALIZER) },
          });
          return;
        }
        if (!finalizers.includes(FINALIZER)) {
          ctx.update({ ...site, metadata: { ...site.metadata, finalizers: [...finalizers, FINALIZER] } });
          return;
        }
        if (!ctx.get(DNS, { namespace: req.namespace, name: recordName(req.name) }))
          ctx.create({
            apiVersion: "demo.example/v1",
            kind: "DnsRecord",
            metadata: {
              name: recordName(req.name),
              namespace: req.namespace,
              ownerReferences: [
                { apiVersion: "demo.example/v1", kind: "Site", name: req.name, controller: true },
              ],
            },
            spec: { host: site.spec?.host ?? `${req.name}.example.com` },
          });
      },
    }),
    defineController({
      id: "SiteDnsJanitor",
      for: SITE,
      reconcile(ctx, req) {
        const site = ctx.get<Site>(SITE, req);
        if (!site?.metadata.deletionTimestamp) return;
        if (ctx.get(DNS, { namespace: req.namespace, name: recordName(req.name) }))
          ctx.delete(DNS, { namespace: req.namespace, name: recordName(req.name) });
      },
    }),
  ],
  invariants: [
    {
      name: "a deleted site is gone with its record",
      check(view) {
        return view
          .list(SITE)
          .filter((s) => s.metadata.deletionTimestamp)
          .map((s) => ({
            message: `Site ${s.metadata.namespace}/${s.metadata.name} is still terminating`,
            objects: [{ kind: SITE, namespace: s.metadata.namespace ?? "", name: s.metadata.name }],
          }));
      },
    },
  ],
});
