import { defineController } from "ctrlhunt";
import { setCondition } from "../../_shared/conditions.ts";
import { specOf, statusOf } from "../../_shared/objects.ts";
import { sameJson } from "../../_shared/stable.ts";
import { NOP } from "./kinds.ts";

/** NopResourceReconciler: the provider stand-in; "creates" the external resource and reports atProvider + Ready. */
export const nopProvider = defineController({
  id: "NopResourceReconciler",
  for: NOP,
  reconcile(ctx, req) {
    const mr = ctx.get(NOP, req);
    if (!mr) return {};
    const status = {
      ...statusOf(mr),
      atProvider: specOf(mr).forProvider ?? {},
      conditions: setCondition(statusOf(mr).conditions, {
        type: "Ready",
        status: "True",
        reason: "Available",
        observedGeneration: mr.metadata.generation,
      }),
    };
    if (!sameJson(status, mr.status)) ctx.updateStatus({ ...mr, status });
    return {};
  },
});
