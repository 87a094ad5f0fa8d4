/**
 * notfound-blocks-finalizer-fixed (twin of notfound-blocks-finalizer). SiteController gives every Site a DnsRecord
 * and holds a finalizer until it is gone; SiteDnsJanitor also deletes the records of Sites being deleted. Fixed: a
 * NotFound from the record's delete means someone else already deleted it, which is what the cleanup wants, so it
 * is ignored and the finalizer is removed whichever controller deletes the record first.
 */
import { defineController, defineProject, isNotFound, type KubeObj } from "ctrlhunt";

const SITE = "demo.example/Site";
const DNS = "demo.example/DnsRecord";
const FINALIZER = "demo.example/dns-cleanup";

type Site = KubeObj & { spec?: { host?: string } };

const recordName = (site: string) => `${site}-dns`;

export default defineProject({
  name: "notfound-blocks-finalizer-fixed",
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
          try {
            ctx.delete(DNS, { namespace: req.namespace, name: recordName(req.name) });
          } catch (e) {
            if (!isNotFound(e)) throw e;
          }
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
