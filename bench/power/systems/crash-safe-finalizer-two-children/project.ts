/**
 * crash-safe-finalizer-two-children (clean control). GatewayController gives each Gateway two records outside its
 * namespace, out of reach of ownerReferences: a ConfigMap `<ns>-<name>` in `dns` and a Secret `<ns>-<name>` in
 * `certs`, behind a finalizer added before either is created. On deletion it deletes the ConfigMap, then the Secret
 * (NotFound counts as done for both), then drops the finalizer: three writes, and a crash after the first or the
 * second leaves the Gateway terminating with its finalizer, so the restarted controller deletes what is left and
 * drops it. No bug is planted.
 */
import { defineController, defineProject, isAlreadyExists, isNotFound } from "ctrlhunt";

const GATEWAY = "demo.example/Gateway";
const CONFIGMAP = "core/ConfigMap";
const SECRET = "core/Secret";
const FINALIZER = "demo.example/gateway-records";

const dnsKey = (ns: string, name: string) => ({ namespace: "dns", name: `${ns}-${name}` });
const certKey = (ns: string, name: string) => ({ namespace: "certs", name: `${ns}-${name}` });

export default defineProject({
  name: "crash-safe-finalizer-two-children",
  controllers: [
    defineController({
      id: "GatewayController",
      for: GATEWAY,
      reconcile(ctx, req) {
        const gw = ctx.get(GATEWAY, req);
        if (!gw) return;
        const finalizers = gw.metadata.finalizers ?? [];
        if (gw.metadata.deletionTimestamp) {
          if (!finalizers.includes(FINALIZER)) return;
          for (const [kind, key] of [
            [CONFIGMAP, dnsKey(req.namespace, req.name)],
            [SECRET, certKey(req.namespace, req.name)],
          ] as const) {
            try {
              ctx.delete(kind, key);
            } catch (e) {
              if (!isNotFound(e)) throw e;
            }
          }
          ctx.update({
            ...gw,
            metadata: { ...gw.metadata, finalizers: finalizers.filter((f) => f !== FINALIZER) },
          });
          return;
        }
        if (!finalizers.includes(FINALIZER)) {
          ctx.update({ ...gw, metadata: { ...gw.metadata, finalizers: [...finalizers, FINALIZER] } });
          return;
        }
        for (const obj of [
          {
            apiVersion: "v1",
            kind: "ConfigMap",
            metadata: dnsKey(req.namespace, req.name),
            data: { host: `${req.name}.example.com` },
          },
          {
            apiVersion: "v1",
            kind: "Secret",
            metadata: certKey(req.namespace, req.name),
            data: { "tls.crt": "Y2VydA==" },
          },
        ]) {
          try {
            ctx.create(obj);
          } catch (e) {
            if (!isAlreadyExists(e)) throw e;
          }
        }
      },
    }),
  ],
});
