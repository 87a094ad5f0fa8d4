import type { ReferenceFacts, StepFact } from "./reference-facts.ts";
import { USER_CONTROLLER } from "./reference-facts.ts";
import { sweepStalenessWindows } from "./sweep-staleness.ts";
import type { PreflightIssue } from "./types.ts";

/**
 * Calibration helpers (Phase J step 2): propose perturbation values from the reference path instead of the jq
 * recipes agents ran by hand. Each returns a value with a note saying why, or a blocking issue.
 */

export type Calibrated<T> = { ok: true; value: T; note: string } | { ok: false; issue: PreflightIssue };

const blocked = (
  check: PreflightIssue["check"],
  path: string,
  message: string,
): { ok: false; issue: PreflightIssue } => ({
  ok: false,
  issue: { check, path, message, blocking: true },
});

/**
 * Distinct KindSequence values a kind takes on the path, in order. 0 stands for "not created yet" when the kind
 * appears during the run: a window opening at 0 hides the creation from the stale reader.
 */
export function kindFrontiers(facts: ReferenceFacts, kind: string): number[] {
  const values = new Set<number>();
  values.add(facts.initialKindSeq[kind] ?? 0);
  for (const s of facts.steps) {
    const v = s.kindSeqAfter[kind];
    if (v !== undefined && v > 0) values.add(v);
  }
  return [...values].sort((a, b) => a - b);
}

/**
 * The most distinct window of the staleness sweep for `reconciler` on `kind` (sweep-staleness.ts), or why there
 * is none. The note names the next windows of the sweep, so a caller can choose another one as parameters.
 */
export function calibrateStalenessWindow(
  facts: ReferenceFacts,
  reconciler: string,
  kind: string,
): Calibrated<{ staleAt: number; catchUpAt: number; deactivateAtDepth: number }> {
  const sweep = sweepStalenessWindows(facts, reconciler, kind);
  const [best, ...rest] = sweep.windows;
  if (!best)
    return blocked("staleness-window", "tuning.stalenessIntervals", sweep.reason ?? `no window for ${kind}`);
  const others = rest.length
    ? `; ${rest.length} more distinct window(s): ${rest
        .slice(0, 4)
        .map((w) => `[${w.staleAt}, ${w.catchUpAt})`)
        .join(", ")}${rest.length > 4 ? ", …" : ""}`
    : "";
  const { staleAt, catchUpAt, deactivateAtDepth } = best;
  return {
    ok: true,
    value: { staleAt, catchUpAt, deactivateAtDepth },
    note: `${best.note}${others}`,
  };
}

/** Depths at which at least two pending entries belong to the target controllers (the race is open). */
export function coPendingDepths(facts: ReferenceFacts, controllers: readonly string[]): number[] {
  const targets = new Set(controllers);
  const count = (ids: string[]) => ids.filter((id) => targets.has(id)).length;
  const depths: number[] = [];
  const first = facts.steps[0];
  // Root pending is not dumped; approximate it by the first step's reconcile plus what is still pending after it.
  if (first && targets.has(first.controllerId) && count(first.pendingAfter) >= 1) depths.push(0);
  for (const s of facts.steps) if (count(s.pendingAfter) >= 2) depths.push(s.index + 1);
  return depths;
}

export function calibrateDepthBand(
  facts: ReferenceFacts,
  controllers: readonly string[],
): Calibrated<{ min: number; max: number }> {
  const depths = coPendingDepths(facts, controllers);
  if (depths.length === 0)
    return blocked(
      "depth-band",
      "tuning.permuteDepthRange",
      `${controllers.join(", ")} are never pending together on the reference path: there is no race to permute in this scenario`,
    );
  const min = Math.min(...depths);
  const max = Math.max(...depths);
  return {
    ok: true,
    value: { min, max },
    note: `permuteDepthRange ${min}..${max}: depths where ${controllers.join(", ")} are pending together`,
  };
}

/** The CREATE that opens the race: of a target kind when one is named, else the first after which targets are co-pending. */
export function calibrateAfterEvent(
  facts: ReferenceFacts,
  controllers: readonly string[],
  kinds: readonly string[],
): Calibrated<{ opType: string; kind: string }> {
  const creates = facts.steps.flatMap((s) =>
    s.writes.filter((w) => w.opType === "CREATE").map((w) => ({ s, w })),
  );
  const targets = new Set(controllers);
  const racy = (s: StepFact) => s.pendingAfter.filter((id) => targets.has(id)).length >= 2;
  const pick =
    kinds.length > 0
      ? creates.find(({ w }) => kinds.includes(w.kind))
      : (creates.find(({ s }) => s.controllerId !== USER_CONTROLLER && racy(s)) ??
        creates.find(({ s }) => racy(s)));
  if (!pick) {
    const seen = [...new Set(creates.map(({ w }) => w.kind))].join(", ") || "none";
    const fromStart = coPendingDepths(facts, controllers).includes(0)
      ? `; ${controllers.join(" and ")} already race from the start, so use type "ordering"`
      : "";
    // Not blocking: naming the event (or choosing another type) fixes it without a code change.
    return {
      ok: false,
      issue: {
        check: "event-occurs",
        path: "tuning.permuteAfterEvent",
        message: `no CREATE ${kinds.length ? `of ${kinds.join(", ")} ` : "that opens a race "}on the reference path (CREATEs seen: ${seen})${fromStart}, or name the event in parameters.event`,
      },
    };
  }
  return {
    ok: true,
    value: { opType: "CREATE", kind: pick.w.kind },
    note: `permuteAfterEvent CREATE ${pick.w.kind}: step ${pick.s.index} (${pick.s.controllerId}) creates ${pick.w.key}`,
  };
}

/** Depth just before the first step of a target controller (or write of a target kind): where the race opens. */
export function calibrateReadyDepth(
  facts: ReferenceFacts,
  controllers: readonly string[],
  kinds: readonly string[],
): Calibrated<number> {
  const opening = facts.steps.find(
    (s) =>
      s.controllerId !== USER_CONTROLLER &&
      (controllers.includes(s.controllerId) || s.writes.some((w) => kinds.includes(w.kind))),
  );
  if (!opening)
    return blocked(
      "user-action-fires",
      "tuning.userActionReadyDepths",
      `no step of ${[...controllers, ...kinds].join(", ") || "the targets"} on the reference path: nothing for the action to race with`,
    );
  return {
    ok: true,
    value: opening.depth,
    note: `ready depth ${opening.depth}: just before step ${opening.index} (${opening.controllerId}), which opens the race`,
  };
}

/** Most writes one reconcile of `reconciler` makes on the reference path. */
export function maxWritesPerReconcile(facts: ReferenceFacts, reconciler: string): number {
  return Math.max(0, ...facts.steps.filter((s) => s.controllerId === reconciler).map((s) => s.writes.length));
}

export function calibrateCrash(facts: ReferenceFacts, reconciler: string): Calibrated<number> {
  const w = maxWritesPerReconcile(facts, reconciler);
  if (w === 0)
    return blocked(
      "crash-window",
      "tuning.faultInjection",
      `${reconciler} makes no writes on the reference path, so a crash after N writes never triggers`,
    );
  const n = w >= 2 ? 1 : 0;
  const why =
    w >= 2
      ? `between its 1st and 2nd of ${w} writes`
      : "before its only write (the reconcile is lost; no requeue)";
  return { ok: true, value: n, note: `crashAfterEffect ${n}: ${reconciler} crashes ${why}` };
}
