import { defineController, type KubeObj } from "ctrlhunt";
import { controllerRef, isDeleting, specOf } from "../../_shared/objects.ts";
import { shortHash } from "../../_shared/stable.ts";
import { COMPOSITION, COMPOSITION_HASH_LABEL, COMPOSITION_NAME_LABEL, REVISION } from "./kinds.ts";

export function revisionNumber(rev: KubeObj): number {
  return Number(specOf(rev).revision ?? 0);
}

/**
 * CompositionReconciler: snapshots every distinct Composition spec into an immutable, numbered
 * CompositionRevision (labelled with the composition name and spec hash). One write per reconcile.
 */
export const compositionController = defineController({
  id: "CompositionReconciler",
  for: COMPOSITION,
  owns: [REVISION],
  reconcile(ctx, req) {
    const comp = ctx.get(COMPOSITION, req);
    if (!comp || isDeleting(comp)) return {};
    const hash = shortHash(comp.spec);
    const revs = ctx.list(REVISION, { labels: { [COMPOSITION_NAME_LABEL]: comp.metadata.name } });
    if (revs.some((r) => r.metadata.labels?.[COMPOSITION_HASH_LABEL] === hash)) return {};
    const n = Math.max(0, ...revs.map(revisionNumber)) + 1;
    ctx.create({
      apiVersion: "apiextensions.crossplane.io/v1",
      kind: "CompositionRevision",
      metadata: {
        name: `${comp.metadata.name}-${n}`,
        labels: { [COMPOSITION_NAME_LABEL]: comp.metadata.name, [COMPOSITION_HASH_LABEL]: hash },
        ownerReferences: [controllerRef(comp)],
      },
      spec: { ...specOf(comp), revision: n },
    });
    return {};
  },
});
