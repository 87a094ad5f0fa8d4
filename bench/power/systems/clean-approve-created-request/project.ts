/**
 * clean-approve-created-request (clean control). OrderController creates an Approval `<order>-approval` for every
 * Order (owned by it, `spec.approved: false`); a manager approves it (a user UPDATE of that Approval); then
 * FulfillmentController marks the Order Fulfilled, and OrderController records the approval time in the Order's
 * status. The user can only approve an Approval that exists (it is the object they look at), so whatever the
 * interleaving of the controllers, the run ends Fulfilled. No invariant is declared: every ordering must end in the
 * same state. No bug is planted.
 */
import { defineController, defineProject, isAlreadyExists, type KubeObj } from "ctrlhunt";

const ORDER = "demo.example/Order";
const APPROVAL = "demo.example/Approval";

type Order = KubeObj & { status?: { phase?: string } };
type Approval = KubeObj & { spec?: { approved?: boolean; order?: string } };

export default defineProject({
  name: "clean-approve-created-request",
  controllers: [
    defineController({
      id: "OrderController",
      for: ORDER,
      owns: [APPROVAL],
      reconcile(ctx, req) {
        const order = ctx.get<Order>(ORDER, req);
        if (!order) return;
        const name = `${req.name}-approval`;
        if (!ctx.get(APPROVAL, { namespace: req.namespace, name })) {
          try {
            ctx.create({
              apiVersion: "demo.example/v1",
              kind: "Approval",
              metadata: {
                name,
                namespace: req.namespace,
                ownerReferences: [
                  { apiVersion: "demo.example/v1", kind: "Order", name: req.name, controller: true },
                ],
              },
              spec: { order: req.name, approved: false },
            });
          } catch (e) {
            if (!isAlreadyExists(e)) throw e;
          }
        }
        if (!order.status?.phase) ctx.patchStatus({ ...order, status: { phase: "AwaitingApproval" } });
      },
    }),
    defineController({
      id: "FulfillmentController",
      for: APPROVAL,
      reconcile(ctx, req) {
        const approval = ctx.get<Approval>(APPROVAL, req);
        if (!approval?.spec?.approved || !approval.spec.order) return;
        const order = ctx.get<Order>(ORDER, { namespace: req.namespace, name: approval.spec.order });
        if (!order || order.status?.phase === "Fulfilled") return;
        ctx.patchStatus({ ...order, status: { phase: "Fulfilled" } });
      },
    }),
  ],
});
