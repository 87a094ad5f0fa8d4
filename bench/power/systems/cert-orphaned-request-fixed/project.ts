/**
 * cert-orphaned-request-fixed (twin of cert-orphaned-request; FIXED = true). A mini certificate operator, four controllers: IssuerController (an Issuer is
 * Ready once its CA Secret exists), CertificateController (issues a Certificate through a CertificateRequest, then
 * writes the TLS Secret), ApproverController (approves a request whose DNS names the Issuer allows) and
 * SignerController (signs an approved request with a Ready Issuer). The bug: CertificateController names each
 * request `<cert>-<timestamp>` (generateName style) and finds it again only through `status.pendingRequest`, written
 * after the create. A crash between the create and the status write (or a reconcile on a cache that does not show
 * the status write yet) creates a second request; the first is approved and signed and then orphaned: nothing ever
 * uses or deletes it, and a restart does not clean it. The twin (cert-orphaned-request-fixed) names the request
 * after the Certificate and its DNS names (`<cert>-<hash>`), looks it up by that name and treats AlreadyExists as
 * "already requested", so a restart or a stale cache finds the same request.
 */
import { defineController, defineProject, isAlreadyExists, type KubeObj } from "ctrlhunt";

const ISSUER = "certs.demo/Issuer";
const CERT = "certs.demo/Certificate";
const CR = "certs.demo/CertificateRequest";
const SECRET = "core/Secret";
const CERT_LABEL = "certs.demo/certificate";
const NAMES_ANN = "certs.demo/dns-names";

const FIXED = true;

type Issuer = KubeObj & {
  spec?: { caSecretName?: string; allowedDomain?: string };
  status?: { ready?: boolean };
};
type Certificate = KubeObj & {
  spec?: { dnsNames?: string[]; issuerRef?: string; secretName?: string };
  status?: { ready?: boolean; pendingRequest?: string; lastRequest?: string };
};
type Request = KubeObj & {
  spec?: { dnsNames?: string[]; issuerRef?: string };
  status?: { approved?: boolean; denied?: boolean; certificate?: string };
};

const hash = (s: string) => {
  let h = 7;
  for (const c of s) h = (h * 31 + c.charCodeAt(0)) % 1000003;
  return h.toString(36);
};
const stamp = (iso: string) => iso.replace(/[^0-9]/g, "").slice(0, 10);
const b64 = (s: string) => Buffer.from(s).toString("base64");

export default defineProject({
  name: FIXED ? "cert-orphaned-request-fixed" : "cert-orphaned-request",
  controllers: [
    defineController({
      id: "IssuerController",
      for: ISSUER,
      reads: [SECRET],
      reconcile(ctx, req) {
        const issuer = ctx.get<Issuer>(ISSUER, req);
        if (!issuer || issuer.status?.ready) return;
        if (!ctx.get(SECRET, { namespace: req.namespace, name: issuer.spec?.caSecretName ?? "" }))
          throw new Error(`CA secret ${issuer.spec?.caSecretName} not found yet`);
        ctx.patchStatus({
          apiVersion: "certs.demo/v1",
          kind: "Issuer",
          metadata: { name: req.name, namespace: req.namespace },
          status: { ready: true },
        });
      },
    }),
    defineController({
      id: "CertificateController",
      for: CERT,
      owns: [CR, SECRET],
      reconcile(ctx, req) {
        const cert = ctx.get<Certificate>(CERT, req);
        if (!cert) return;
        const names = (cert.spec?.dnsNames ?? []).join(",");
        const secretName = cert.spec?.secretName ?? req.name;
        const secret = ctx.get(SECRET, { namespace: req.namespace, name: secretName });
        if (secret?.metadata.annotations?.[NAMES_ANN] === names) {
          if (!cert.status?.ready)
            ctx.patchStatus({
              apiVersion: "certs.demo/v1",
              kind: "Certificate",
              metadata: { name: req.name, namespace: req.namespace },
              status: { ready: true },
            });
          return;
        }
        let name = cert.status?.pendingRequest;
        let cr = name ? ctx.get<Request>(CR, { namespace: req.namespace, name }) : null;
        if (FIXED) {
          name = `${req.name}-${hash(names)}`;
          cr = ctx.get<Request>(CR, { namespace: req.namespace, name });
        }
        if (!cr || !name) {
          name = FIXED ? `${req.name}-${hash(names)}` : `${req.name}-${stamp(ctx.now())}`;
          try {
            ctx.create({
              apiVersion: "certs.demo/v1",
              kind: "CertificateRequest",
              metadata: {
                name,
                namespace: req.namespace,
                labels: { [CERT_LABEL]: req.name },
                ownerReferences: [
                  { apiVersion: "certs.demo/v1", kind: "Certificate", name: req.name, controller: true },
                ],
              },
              spec: { dnsNames: cert.spec?.dnsNames ?? [], issuerRef: cert.spec?.issuerRef },
            });
          } catch (e) {
            if (!(FIXED && isAlreadyExists(e))) throw e;
          }
          ctx.patchStatus({
            apiVersion: "certs.demo/v1",
            kind: "Certificate",
            metadata: { name: req.name, namespace: req.namespace },
            status: { ready: false, pendingRequest: name },
          });
          return;
        }
        if (!cr.status?.certificate) return; // the request's updates re-queue us
        ctx.apply({
          apiVersion: "v1",
          kind: "Secret",
          type: "kubernetes.io/tls",
          metadata: {
            name: secretName,
            namespace: req.namespace,
            annotations: { [NAMES_ANN]: names },
            ownerReferences: [
              { apiVersion: "certs.demo/v1", kind: "Certificate", name: req.name, controller: true },
            ],
          },
          data: { "tls.crt": b64(cr.status.certificate), "tls.key": b64(`key for ${names}`) },
        } as KubeObj);
        ctx.patchStatus({
          apiVersion: "certs.demo/v1",
          kind: "Certificate",
          metadata: { name: req.name, namespace: req.namespace },
          status: {
            ready: true,
            pendingRequest: null,
            lastRequest: name,
          } as unknown as Certificate["status"],
        });
      },
    }),
    defineController({
      id: "ApproverController",
      for: CR,
      reads: [ISSUER],
      reconcile(ctx, req) {
        const cr = ctx.get<Request>(CR, req);
        if (!cr || cr.status?.approved || cr.status?.denied) return;
        const issuer = ctx.get<Issuer>(ISSUER, { namespace: req.namespace, name: cr.spec?.issuerRef ?? "" });
        if (!issuer) throw new Error(`issuer ${cr.spec?.issuerRef} not found`);
        const domain = issuer.spec?.allowedDomain ?? "";
        const ok = (cr.spec?.dnsNames ?? []).every((n) => n === domain || n.endsWith(`.${domain}`));
        ctx.patchStatus({
          apiVersion: "certs.demo/v1",
          kind: "CertificateRequest",
          metadata: { name: req.name, namespace: req.namespace },
          status: ok ? { approved: true } : { denied: true },
        });
      },
    }),
    defineController({
      id: "SignerController",
      for: CR,
      reads: [ISSUER],
      reconcile(ctx, req) {
        const cr = ctx.get<Request>(CR, req);
        if (!cr?.status?.approved || cr.status.certificate) return;
        const issuer = ctx.get<Issuer>(ISSUER, { namespace: req.namespace, name: cr.spec?.issuerRef ?? "" });
        if (!issuer?.status?.ready) throw new Error(`issuer ${cr.spec?.issuerRef} not ready`);
        ctx.patchStatus({
          apiVersion: "certs.demo/v1",
          kind: "CertificateRequest",
          metadata: { name: req.name, namespace: req.namespace },
          status: {
            certificate: `CERT[${(cr.spec?.dnsNames ?? []).join(",")}] signed by ${req.namespace}/${issuer.metadata.name}`,
          },
        });
      },
    }),
  ],
  invariants: [
    {
      name: "every CertificateRequest is the one its Certificate recorded",
      check(view) {
        return (view.list(CR) as Request[]).flatMap((r) => {
          const ns = r.metadata.namespace ?? "";
          const owner = r.metadata.labels?.[CERT_LABEL] ?? "";
          const cert = view.get(CERT, owner, ns) as Certificate | null;
          if (
            cert &&
            (cert.status?.pendingRequest === r.metadata.name || cert.status?.lastRequest === r.metadata.name)
          )
            return [];
          return [
            {
              message: `CertificateRequest ${ns}/${r.metadata.name} is orphaned (Certificate ${owner} records ${cert?.status?.lastRequest ?? cert?.status?.pendingRequest ?? "none"})`,
              objects: [
                { kind: CR, namespace: ns, name: r.metadata.name },
                { kind: CERT, namespace: ns, name: owner },
              ],
            },
          ];
        });
      },
    },
    {
      name: "a ready Certificate's Secret holds its DNS names",
      check(view) {
        return (view.list(CERT) as Certificate[]).flatMap((c) => {
          const ns = c.metadata.namespace ?? "";
          const s = view.get(SECRET, c.spec?.secretName ?? c.metadata.name, ns);
          const names = (c.spec?.dnsNames ?? []).join(",");
          if (c.status?.ready && s?.metadata.annotations?.[NAMES_ANN] === names) return [];
          return [
            {
              message: `Certificate ${ns}/${c.metadata.name} is not issued`,
              objects: [{ kind: CERT, namespace: ns, name: c.metadata.name }],
            },
          ];
        });
      },
    },
  ],
});
