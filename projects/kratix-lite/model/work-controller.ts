import { type ControllerDefinition, defineController, type KubeObj } from "ctrlhunt";
import { type Condition, getCondition, setCondition } from "../../_shared/conditions.ts";
import { controllerRef, isDeleting, specOf, statusOf } from "../../_shared/objects.ts";
import { sameJson } from "../../_shared/stable.ts";
import { DESTINATION, type KratixVariant, PLACEMENT, WORK, WORK_LABEL } from "./kinds.ts";

type Selector = { matchLabels?: Record<string, string> };

function matches(dest: KubeObj, selectors: Selector[]): boolean {
  return selectors.some((s) =>
    Object.entries(s.matchLabels ?? {}).every(([k, v]) => dest.metadata.labels?.[k] === v),
  );
}

function placementFor(work: KubeObj, dest: KubeObj): KubeObj {
  return {
    apiVersion: "platform.kratix.io/v1alpha1",
    kind: "WorkPlacement",
    metadata: {
      name: `${work.metadata.name}.${dest.metadata.name}`,
      namespace: work.metadata.namespace,
      labels: { [WORK_LABEL]: work.metadata.name },
      ownerReferences: [controllerRef(work)],
    },
    spec: { targetDestinationName: dest.metadata.name, workloads: specOf(work).workloads ?? [] },
  };
}

/** Fixed variant: the Work controller is the single writer of Ready, aggregated over all placements. */
function aggregateReady(placements: KubeObj[], expected: number): Condition {
  const failed = placements.filter(
    (p) => getCondition(statusOf(p).conditions, "WriteSucceeded")?.status === "False",
  );
  const written = placements.filter(
    (p) => getCondition(statusOf(p).conditions, "WriteSucceeded")?.status === "True",
  );
  if (failed.length > 0) {
    const names = failed.map((p) => (specOf(p).targetDestinationName as string) ?? p.metadata.name).sort();
    return {
      type: "Ready",
      status: "False",
      reason: "WorkplacementsFailing",
      message: `failing: ${names.join(", ")}`,
    };
  }
  if (written.length < expected)
    return { type: "Ready", status: "False", reason: "WorkplacementsPending", message: "" };
  return { type: "Ready", status: "True", reason: "AllWorkplacementsWritten", message: "" };
}

/**
 * WorkController: schedules a Work onto every matching Destination (one WorkPlacement each) and reports
 * scheduling in the Work status. The buggy variant leaves Ready to the placement controller.
 */
export function workController(variant: KratixVariant): ControllerDefinition {
  return defineController({
    id: "WorkController",
    for: WORK,
    owns: [PLACEMENT],
    reads: [DESTINATION],
    reconcile(ctx, req) {
      const work = ctx.get(WORK, req);
      if (!work || isDeleting(work)) return {};
      const selectors = (specOf(work).destinationSelectors ?? []) as Selector[];
      const dests = ctx
        .list(DESTINATION)
        .filter((d) => matches(d, selectors))
        .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
      const placements = ctx.list(PLACEMENT, {
        namespace: req.namespace,
        labels: { [WORK_LABEL]: req.name },
      });
      const placed = new Set(placements.map((p) => specOf(p).targetDestinationName));
      for (const d of dests) if (!placed.has(d.metadata.name)) ctx.create(placementFor(work, d));
      let conditions = setCondition(statusOf(work).conditions, {
        type: "Scheduled",
        status: dests.length > 0 ? "True" : "False",
        reason: dests.length > 0 ? "ScheduledToDestinations" : "NoMatchingDestination",
      });
      if (variant === "fixed")
        conditions = setCondition(conditions, aggregateReady(placements, dests.length));
      const status = {
        ...statusOf(work),
        workPlacements: dests.length,
        workPlacementsCreated: placements.length,
        conditions,
      };
      if (!sameJson(status, work.status)) ctx.updateStatus({ ...work, status });
      return {};
    },
  });
}
