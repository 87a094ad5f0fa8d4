import { maxWritesPerReconcile } from "../calibration.ts";
import type { Check } from "./context.ts";

/** permuteAfterEvent must name an event the reference actually produces, or permutation never switches on. */
export const eventOccurs: Check = (ctx) => {
  const ev = ctx.tuning.permuteAfterEvent;
  if (!ev) return [];
  const writes = ctx.facts.steps.flatMap((s) => s.writes);
  if (writes.some((w) => w.opType === ev.opType.toUpperCase() && w.kind === ev.kind)) return [];
  const seen = [...new Set(writes.map((w) => `${w.opType} ${w.kind}`))].sort().join(", ") || "none";
  return [
    {
      check: "event-occurs",
      path: "tuning.permuteAfterEvent",
      message: `${ev.opType} ${ev.kind} never happens on the reference path, so permutation never switches on; events seen: ${seen}`,
    },
  ];
};

/** A crash after N writes only happens when the reconciler makes more than N writes in one reconcile. */
export const crashWindow: Check = (ctx) =>
  (ctx.tuning.faultInjection ?? []).flatMap((f, i) => {
    const w = maxWritesPerReconcile(ctx.facts, f.reconciler);
    const path = `tuning.faultInjection[${i}].crashAfterEffect`;
    if (w === 0)
      return [
        {
          check: "crash-window" as const,
          path,
          blocking: true,
          message: `${f.reconciler} makes no writes on the reference path, so the crash never triggers; pick a reconciler that writes`,
        },
      ];
    if (f.crashAfterEffect < w) return [];
    return [
      {
        check: "crash-window" as const,
        path,
        message: `crashAfterEffect ${f.crashAfterEffect} never triggers: ${f.reconciler} makes at most ${w} write(s) per reconcile on the reference path; choose a value below ${w}, e.g. ${w - 1}`,
      },
    ];
  });
