/**
 * sticky-degraded-condition-fixed (twin of sticky-degraded-condition). StatusController keeps `Ready` and
 * `Degraded` on a DatabaseClaim from whether its Secret `<claim>-password` (made by PasswordController) exists.
 * Fixed: both conditions are written on every reconcile (Ready=True with Degraded=False, or Ready=False with
 * Degraded=True), so a claim handled before its Secret existed is cleared once the Secret appears.
 */
import { defineController, defineProject, isAlreadyExists, type KubeObj } from "ctrlhunt";

const CLAIM = "demo.example/DatabaseClaim";
const SECRET = "core/Secret";

type Condition = { type: string; status: string; reason?: string };
type Claim = KubeObj & { status?: { conditions?: Condition[] } };

function withCondition(list: Condition[], c: Condition): Condition[] {
  return [...list.filter((x) => x.type !== c.type), c];
}

export default defineProject({
  name: "sticky-degraded-condition-fixed",
  controllers: [
    defineController({
      id: "PasswordController",
      for: CLAIM,
      owns: [SECRET],
      reconcile(ctx, req) {
        if (!ctx.get(CLAIM, req)) return;
        const name = `${req.name}-password`;
        if (ctx.get(SECRET, { namespace: req.namespace, name })) return;
        try {
          ctx.create({
            apiVersion: "v1",
            kind: "Secret",
            metadata: {
              name,
              namespace: req.namespace,
              ownerReferences: [
                { apiVersion: "demo.example/v1", kind: "DatabaseClaim", name: req.name, controller: true },
              ],
            },
            stringData: { password: `pw-${req.name}` },
          });
        } catch (e) {
          if (!isAlreadyExists(e)) throw e;
        }
      },
    }),
    defineController({
      id: "StatusController",
      for: CLAIM,
      owns: [SECRET],
      reconcile(ctx, req) {
        const claim = ctx.get<Claim>(CLAIM, req);
        if (!claim) return;
        const has = ctx.get(SECRET, { namespace: req.namespace, name: `${req.name}-password` });
        const current = claim.status?.conditions ?? [];
        const next = has
          ? withCondition(withCondition(current, { type: "Ready", status: "True" }), {
              type: "Degraded",
              status: "False",
            })
          : withCondition(withCondition(current, { type: "Ready", status: "False" }), {
              type: "Degraded",
              status: "True",
              reason: "SecretMissing",
            });
        if (JSON.stringify(next) === JSON.stringify(current)) return;
        ctx.updateStatus({ ...claim, status: { ...claim.status, conditions: next } });
      },
    }),
  ],
  invariants: [
    {
      name: "a claim whose password exists is Ready and not Degraded",
      check(view) {
        return (view.list(CLAIM) as Claim[]).flatMap((c) => {
          const ns = c.metadata.namespace ?? "";
          if (!view.get(SECRET, `${c.metadata.name}-password`, ns)) return [];
          const cond = (t: string) => c.status?.conditions?.find((x) => x.type === t)?.status;
          return cond("Ready") === "True" && cond("Degraded") !== "True"
            ? []
            : [
                {
                  message: `DatabaseClaim ${ns}/${c.metadata.name}: Ready=${cond("Ready") ?? "-"}, Degraded=${cond("Degraded") ?? "-"}`,
                  objects: [{ kind: CLAIM, namespace: ns, name: c.metadata.name }],
                },
              ];
        });
      },
    },
  ],
});
