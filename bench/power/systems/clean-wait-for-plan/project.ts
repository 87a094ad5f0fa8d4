/**
 * clean-wait-for-plan (clean control). PlanController publishes a Plan object for every entry of the Catalog
 * (`spec.plans`); SubscriptionController activates a Subscription with the price of the Plan it names. While that
 * Plan does not exist yet it returns an error, so controller-runtime retries it with backoff (it does not watch
 * Plans: the retry is its way of waiting). The ops team adds the gold plan to the catalog and a customer subscribes
 * to it at about the same time: if the subscription is handled first it fails once or twice, then is activated. No
 * invariant is declared: every ordering must end in the same state. No bug is planted.
 */
import { defineController, defineProject, isAlreadyExists, type KubeObj } from "ctrlhunt";

const CATALOG = "demo.example/Catalog";
const PLAN = "demo.example/Plan";
const SUBSCRIPTION = "demo.example/Subscription";

type Catalog = KubeObj & { spec?: { plans?: Array<{ name: string; price: number }> } };
type Plan = KubeObj & { spec?: { price?: number } };
type Subscription = KubeObj & { spec?: { plan?: string }; status?: { phase?: string; price?: number } };

export default defineProject({
  name: "clean-wait-for-plan",
  controllers: [
    defineController({
      id: "PlanController",
      for: CATALOG,
      owns: [PLAN],
      reconcile(ctx, req) {
        const catalog = ctx.get<Catalog>(CATALOG, req);
        if (!catalog) return;
        for (const p of catalog.spec?.plans ?? []) {
          if (ctx.get(PLAN, { namespace: req.namespace, name: p.name })) continue;
          try {
            ctx.create({
              apiVersion: "demo.example/v1",
              kind: "Plan",
              metadata: {
                name: p.name,
                namespace: req.namespace,
                ownerReferences: [
                  { apiVersion: "demo.example/v1", kind: "Catalog", name: req.name, controller: true },
                ],
              },
              spec: { price: p.price },
            });
          } catch (e) {
            if (!isAlreadyExists(e)) throw e;
          }
        }
      },
    }),
    defineController({
      id: "SubscriptionController",
      for: SUBSCRIPTION,
      reads: [PLAN],
      reconcile(ctx, req) {
        const sub = ctx.get<Subscription>(SUBSCRIPTION, req);
        if (!sub?.spec?.plan || sub.status?.phase === "Active") return;
        const plan = ctx.get<Plan>(PLAN, { namespace: req.namespace, name: sub.spec.plan });
        if (!plan) throw new Error(`plan ${sub.spec.plan} not published yet`);
        ctx.updateStatus({ ...sub, status: { phase: "Active", price: plan.spec?.price } });
      },
    }),
  ],
});
