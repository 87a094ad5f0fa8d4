/**
 * watch-map-wrong-key-fixed (twin of watch-map-wrong-key). CredentialsController creates the Secret
 * `<app>-credentials` for every App; AppController marks the App Ready once its Secret exists and waits while it
 * does not. Fixed: the watch maps a Secret to the App named in its controller ownerReference, so the creation of the
 * Secret re-queues the waiting App, whichever controller ran first.
 */
import { defineController, defineProject, isAlreadyExists, type KubeObj } from "ctrlhunt";

const APP = "demo.example/App";
const SECRET = "core/Secret";

type App = KubeObj & { status?: { phase?: string } };

export default defineProject({
  name: "watch-map-wrong-key-fixed",
  controllers: [
    defineController({
      id: "CredentialsController",
      for: APP,
      owns: [SECRET],
      reconcile(ctx, req) {
        const app = ctx.get<App>(APP, req);
        if (!app) return;
        const name = `${req.name}-credentials`;
        if (ctx.get(SECRET, { namespace: req.namespace, name })) return;
        try {
          ctx.create({
            apiVersion: "v1",
            kind: "Secret",
            metadata: {
              name,
              namespace: req.namespace,
              ownerReferences: [
                { apiVersion: "demo.example/v1", kind: "App", name: req.name, controller: true },
              ],
            },
            stringData: { password: `generated-for-${req.name}` },
          });
        } catch (e) {
          if (!isAlreadyExists(e)) throw e;
        }
      },
    }),
    defineController({
      id: "AppController",
      for: APP,
      watches: [
        {
          kind: SECRET,
          map: (s) =>
            (s.metadata.ownerReferences ?? [])
              .filter((o) => o.kind === "App" && o.controller)
              .map((o) => ({ namespace: s.metadata.namespace ?? "", name: o.name })),
        },
      ],
      reconcile(ctx, req) {
        const app = ctx.get<App>(APP, req);
        if (!app) return;
        const secret = ctx.get(SECRET, { namespace: req.namespace, name: `${req.name}-credentials` });
        const phase = secret ? "Ready" : "WaitingForCredentials";
        if (app.status?.phase === phase) return;
        ctx.updateStatus({ ...app, status: { phase } });
      },
    }),
  ],
  invariants: [
    {
      name: "an app whose credentials exist is Ready",
      check(view) {
        return (view.list(APP) as App[]).flatMap((a) => {
          const ns = a.metadata.namespace ?? "";
          const has = view.get(SECRET, `${a.metadata.name}-credentials`, ns);
          return !has || a.status?.phase === "Ready"
            ? []
            : [
                {
                  message: `App ${ns}/${a.metadata.name} has its credentials but is ${a.status?.phase ?? "unhandled"}`,
                  objects: [{ kind: APP, namespace: ns, name: a.metadata.name }],
                },
              ];
        });
      },
    },
  ],
});
