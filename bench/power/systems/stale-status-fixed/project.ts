/**
 * stale-status-fixed (twin of stale-status). A Certificate whose Issuer does not look ready yet is re-checked after a
 * delay (requeueAfter), so a stale view of the Issuer only delays issuance; it never leaves it Pending.
 */
import { defineController, defineProject, type KubeObj } from "ctrlhunt";

const ISSUER = "demo.example/Issuer";
const CERTIFICATE = "demo.example/Certificate";

type Issuer = KubeObj & { status?: { ready?: boolean } };
type Certificate = KubeObj & { spec?: { issuer?: string }; status?: { state?: string; reason?: string } };

export default defineProject({
  name: "stale-status-fixed",
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
        return status.state === "Issued" ? {} : { requeueAfterMs: 30_000 };
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
