/**
 * sticky-degraded-condition (planted). A DatabaseClaim needs the Secret `<claim>-password`, which
 * PasswordController generates. StatusController keeps two conditions on the claim: while the Secret is missing it
 * sets `Degraded=True` (reason SecretMissing); once the Secret exists it sets `Ready=True`. The bug: the Ready branch
 * merges its condition into the existing list and never clears `Degraded`, so a claim handled before its Secret
 * existed is reported Ready and Degraded at once, for good (alerting pages on Degraded). The twin
 * (sticky-degraded-condition-fixed) writes both conditions on every reconcile (Degraded=False when Ready).
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
  name: "sticky-degraded-condition",
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
          ? withCondition(current, { type: "Ready", status: "True" })
          : withCondition(current, { type: "Degraded", status: "True", reason: "SecretMissing" });
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
