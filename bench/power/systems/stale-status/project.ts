/**
 * stale-status (planted). IssuerController marks an Issuer ready once its CA checks out; CertificateController sets
 * a Certificate's status from its Issuer: Issued when the Issuer is ready, Pending otherwise. The bug: the status is
 * computed from the cached Issuer, which may still show it not ready, and a Pending Certificate is never looked at
 * again (the controller does not watch Issuers and does not requeue), so it stays Pending under a ready Issuer. The
 * twin (stale-status-fixed) re-checks a Pending Certificate after a delay until its Issuer shows ready.
 */
import { defineController, defineProject, type KubeObj } from "ctrlhunt";

const ISSUER = "demo.example/Issuer";
const CERTIFICATE = "demo.example/Certificate";

type Issuer = KubeObj & { status?: { ready?: boolean } };
type Certificate = KubeObj & { spec?: { issuer?: string }; status?: { state?: string; reason?: string } };

export default defineProject({
  name: "stale-status",
  controllers: [
    defineController({
      id: "IssuerController",
      for: ISSUER,
      reconcile(ctx, req) {
        const issuer = ctx.get<Issuer>(ISSUER, req);
        if (!issuer || issuer.status?.ready) return;
        ctx.updateStatus({ ...issuer, status: { ready: true } });
      },
    }),
    defineController({
      id: "CertificateController",
      for: CERTIFICATE,
      reads: [ISSUER],
      reconcile(ctx, req) {
        const cert = ctx.get<Certificate>(CERTIFICATE, req);
        if (!cert?.spec?.issuer) return;
        const issuer = ctx.get<Issuer>(ISSUER, { namespace: req.namespace, name: cert.spec.issuer });
        const status = issuer?.status?.ready
          ? { state: "Issued" }
          : { state: "Pending", reason: issuer ? "IssuerNotReady" : "IssuerNotFound" };
        if (cert.status?.state !== status.state) ctx.updateStatus({ ...cert, status });
      },
    }),
  ],
  invariants: [
    {
      name: "certificates of a ready issuer are issued",
      check(view) {
        return (view.list(CERTIFICATE) as Certificate[]).flatMap((c) => {
          const ns = c.metadata.namespace ?? "";
          const issuer = view.get(ISSUER, String(c.spec?.issuer), ns) as Issuer | null;
          return issuer?.status?.ready && c.status?.state !== "Issued"
            ? [
                {
                  message: `Certificate ${ns}/${c.metadata.name} is ${c.status?.state ?? "unset"} although issuer ${c.spec?.issuer} is ready`,
                  objects: [{ kind: CERTIFICATE, namespace: ns, name: c.metadata.name }],
                },
              ]
            : [];
        });
      },
    },
  ],
});
