import { type ControllerDefinition, defineController, type KubeObj, type ReconcileContext } from "ctrlhunt";
import { type Condition, setCondition } from "../../_shared/conditions.ts";
import { specOf, statusOf } from "../../_shared/objects.ts";
import { sameJson, shortHash } from "../../_shared/stable.ts";
import { DESTINATION, type KratixVariant, PLACEMENT, STATE_STORE, WORK, WORK_LABEL } from "./kinds.ts";

/** Write the workloads to the destination's state store (simulated): succeeds iff the store exists. */
function writeToStateStore(ctx: ReconcileContext, wp: KubeObj): { cond: Condition; versionID?: string } {
  const destName = specOf(wp).targetDestinationName as string;
  const dest = ctx.get(DESTINATION, { namespace: "", name: destName });
  const storeName = (specOf(dest).stateStoreRef as { name?: string } | undefined)?.name ?? "";
  const store = dest ? ctx.get(STATE_STORE, { namespace: "", name: storeName }) : null;
  if (!store) {
    return {
      cond: {
        type: "WriteSucceeded",
        status: "False",
        reason: "StateStoreNotFound",
        message: `${destName}: no state store "${storeName}"`,
      },
    };
  }
  return {
    cond: { type: "WriteSucceeded", status: "True", reason: "WorkloadsWritten", message: destName },
    versionID: shortHash({ dest: destName, workloads: specOf(wp).workloads }),
  };
}

/**
 * Buggy variant only: mirror this placement's outcome onto the parent Work's Ready condition. Every placement
 * does this for itself, so with two placements Ready ends as whichever wrote last (Kratix K5).
 */
function markWork(ctx: ReconcileContext, wp: KubeObj, cond: Condition): void {
  const work = ctx.get(WORK, {
    namespace: wp.metadata.namespace ?? "",
    name: wp.metadata.labels?.[WORK_LABEL] ?? "",
  });
  if (!work) return;
  const ready: Condition = {
    type: "Ready",
    status: cond.status,
    reason: cond.status === "True" ? "WorkplacementWritten" : "WorkplacementFailed",
    message: cond.message,
  };
  const status = { ...statusOf(work), conditions: setCondition(statusOf(work).conditions, ready) };
  if (!sameJson(status, work.status)) ctx.updateStatus({ ...work, status });
}

/** WorkPlacementController: writes a placement's workloads to its Destination and records the outcome. */
export function placementController(variant: KratixVariant): ControllerDefinition {
  return defineController({
    id: "WorkPlacementController",
    for: PLACEMENT,
    reads: [DESTINATION, STATE_STORE, WORK],
    reconcile(ctx, req) {
      const wp = ctx.get(PLACEMENT, req);
      if (!wp) return {};
      const { cond, versionID } = writeToStateStore(ctx, wp);
      const status = {
        ...statusOf(wp),
        conditions: setCondition(statusOf(wp).conditions, cond),
        ...(versionID ? { versionID } : {}),
      };
      if (!sameJson(status, wp.status)) ctx.updateStatus({ ...wp, status });
      if (variant === "buggy") markWork(ctx, wp, cond);
      return {};
    },
  });
}
