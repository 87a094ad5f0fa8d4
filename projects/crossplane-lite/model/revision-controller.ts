import { defineController } from "ctrlhunt";
import { isTrue, setCondition } from "../../_shared/conditions.ts";
import { specOf, statusOf } from "../../_shared/objects.ts";
import { sameJson } from "../../_shared/stable.ts";
import { FUNCTION, REVISION } from "./kinds.ts";

type Step = { step: string; functionRef?: { name?: string } };

/**
 * RevisionReconciler: validates a revision's pipeline (every step names an installed, Healthy Function) and
 * publishes ValidPipeline — the condition the XR controller selects revisions by (Crossplane F5).
 */
export const revisionController = defineController({
  id: "RevisionReconciler",
  for: REVISION,
  reads: [FUNCTION],
  reconcile(ctx, req) {
    const rev = ctx.get(REVISION, req);
    if (!rev) return {};
    const steps = (specOf(rev).pipeline ?? []) as Step[];
    const broken = steps.filter((s) => {
      const fn = s.functionRef?.name ? ctx.get(FUNCTION, { namespace: "", name: s.functionRef.name }) : null;
      return !fn || !isTrue(statusOf(fn).conditions, "Healthy");
    });
    const valid = steps.length > 0 && broken.length === 0;
    const status = {
      ...statusOf(rev),
      conditions: setCondition(statusOf(rev).conditions, {
        type: "ValidPipeline",
        status: valid ? "True" : "False",
        reason: valid ? "ValidPipeline" : "MissingCapabilities",
        message: valid
          ? ""
          : `steps without a healthy function: ${broken.map((s) => s.step).join(", ") || "none"}`,
      }),
    };
    if (!sameJson(status, rev.status)) ctx.updateStatus({ ...rev, status });
    return {};
  },
});
