import { defineController, type KubeObj, type ReconcileContext } from "ctrlhunt";
import { getCondition, setCondition } from "../../_shared/conditions.ts";
import { isDeleting, keyOf, specOf, statusOf } from "../../_shared/objects.ts";
import { sameJson } from "../../_shared/stable.ts";
import { revisionNumber } from "./composition-controller.ts";
import { COMPOSITION, COMPOSITION_NAME_LABEL, NOP, POLL_MS, REVISION, XR } from "./kinds.ts";
import { renderComposed } from "./render.ts";

interface XrSpec {
  compositionRef?: { name?: string };
  compositionRevisionRef?: { name?: string };
  compositionUpdatePolicy?: "Automatic" | "Manual";
}

/**
 * The revision this XR should compose with. Automatic: the newest revision of its Composition whose
 * ValidPipeline is True, as listed from the informer cache. Manual: the referenced one while it exists.
 */
function selectRevision(ctx: ReconcileContext, spec: XrSpec): KubeObj | undefined {
  const revs = ctx
    .list(REVISION, { labels: { [COMPOSITION_NAME_LABEL]: spec.compositionRef?.name ?? "" } })
    .filter((r) => getCondition(statusOf(r).conditions, "ValidPipeline")?.status === "True")
    .sort((a, b) => revisionNumber(b) - revisionNumber(a));
  if (spec.compositionUpdatePolicy === "Manual") {
    const pinned = revs.find((r) => r.metadata.name === spec.compositionRevisionRef?.name);
    if (pinned) return pinned;
  }
  return revs[0];
}

/** Composed resources are ready when the provider reports Ready for the generation rendered from this revision. */
function composedReady(ctx: ReconcileContext, desired: KubeObj[]): boolean {
  return desired.every((d) => {
    const live = ctx.get(NOP, keyOf(d));
    const ready = getCondition(statusOf(live).conditions, "Ready");
    return (
      live !== null &&
      sameJson(specOf(live), d.spec) &&
      ready?.status === "True" &&
      ready.observedGeneration === live.metadata.generation
    );
  });
}

/**
 * CompositeReconciler (XWidget): binds the XR to a CompositionRevision, renders the composed resources from it
 * and reports readiness. It reads CompositionRevisions from its cache but never watches them: a revision that
 * appears (or becomes valid) after its last reconcile is not noticed until something else wakes the XR.
 */
export const compositeController = defineController({
  id: "CompositeReconciler",
  for: XR,
  owns: [NOP],
  reads: [REVISION, COMPOSITION],
  reconcile(ctx, req) {
    const xr = ctx.get(XR, req);
    if (!xr || isDeleting(xr)) return {};
    const spec = specOf(xr) as XrSpec;
    const rev = selectRevision(ctx, spec);
    if (!rev) return { requeueAfterMs: POLL_MS };
    let bound: KubeObj = xr;
    if (spec.compositionRevisionRef?.name !== rev.metadata.name) {
      bound = ctx.update({
        ...xr,
        spec: { ...specOf(xr), compositionRevisionRef: { name: rev.metadata.name } },
      });
    }
    const desired = renderComposed(xr, rev);
    for (const d of desired) {
      const live = ctx.get(NOP, keyOf(d));
      if (!live || !sameJson(specOf(live), d.spec)) ctx.apply(d);
    }
    const ready = composedReady(ctx, desired);
    let conditions = setCondition(statusOf(xr).conditions, {
      type: "Synced",
      status: "True",
      reason: "ReconcileSuccess",
    });
    conditions = setCondition(conditions, {
      type: "Ready",
      status: ready ? "True" : "False",
      reason: ready ? "Available" : "Creating",
    });
    const status = { ...statusOf(xr), conditions };
    if (!sameJson(status, xr.status)) ctx.updateStatus({ ...bound, status });
    return {};
  },
});
