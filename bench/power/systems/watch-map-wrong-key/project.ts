/**
 * watch-map-wrong-key (planted). CredentialsController creates the Secret `<app>-credentials` for every App;
 * AppController marks an App Ready once its Secret exists, and waits (returns, no error) while it does not, relying
 * on its watch on Secrets to be re-queued. The bug: the watch maps a Secret to the request with the Secret's own
 * name (`web-credentials`) instead of the App's, so the event re-queues a request for an App that does not exist. If
 * AppController handles the App before CredentialsController created the Secret, the App waits forever. The twin
 * (watch-map-wrong-key-fixed) maps the Secret to its owner App (from its ownerReference).
 */
import { defineController, defineProject, isAlreadyExists, type KubeObj } from "ctrlhunt";

const APP = "demo.example/App";
const SECRET = "core/Secret";

type App = KubeObj & { status?: { phase?: string } };

export default defineProject({
  name: "watch-map-wrong-key",
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
        { kind: SECRET, map: (s) => [{ namespace: s.metadata.namespace ?? "", name: s.metadata.name }] },
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
