import { type Dump, keyKind } from "../../formats/dump.ts";

/** One step of a reference path, reduced to what calibration needs. */
export interface TraceStep {
  index: number;
  controllerId: string;
  /** external input index when the step is an External User action */
  actionIndex?: number;
  writes: Array<{ kind: string; op: string }>;
  kindSeqBefore?: Record<string, number>;
  kindSeqAfter?: Record<string, number>;
}

export interface ReferenceTrace {
  /** the scenario the trace was run from (named in annotations) */
  scenario: string;
  converged: boolean;
  steps: TraceStep[];
}

const READS = new Set(["GET", "LIST"]);

/** Path 0 of the first converged terminal state (else of the first state) of a reference dump (pure). */
export function referenceTrace(dumps: Dump[], scenario: string): ReferenceTrace | undefined {
  const states = dumps.flatMap((d) => d.states ?? []);
  const state = states.find((s) => !s.error) ?? states[0];
  const path = state?.paths?.[0];
  if (!state || !path) return undefined;
  return {
    scenario,
    converged: !state.error,
    steps: path.map((s, index) => ({
      index,
      controllerId: s.controllerId,
      ...(s.stepMetadata?.["userAction.index"] !== undefined
        ? { actionIndex: Number(s.stepMetadata["userAction.index"]) }
        : {}),
      writes: (s.changes.effects ?? [])
        .filter((e) => !READS.has(e.OpType))
        .map((e) => ({ kind: keyKind(e.Key), op: e.OpType })),
      kindSeqBefore: s.kindSeqBefore,
      kindSeqAfter: s.kindSeqAfter,
    })),
  };
}

export type Calibrated<T> =
  | { ok: true; value: T; steps: number[]; note: string }
  | { ok: false; reason: string };

/**
 * A staleness window for `reader` on `kind`: frozen at the kind's sequence before the writers' first write,
 * catching up after their last write on the reference path. Entered only if the reader runs after the first
 * write. `bounded` (the reader watches the kind): a real informer catches up and its watch fires, so the window
 * must close at a later write of the kind on the path; without a watch nothing would re-trigger the reader anyway,
 * so the window may stay open (catchUpAt just past the last write).
 */
export function calibrateStaleness(
  trace: ReferenceTrace,
  reader: string,
  kind: string,
  writers: string[],
  opts: { bounded?: boolean } = {},
): Calibrated<{ staleAt: number; catchUpAt: number }> {
  if (trace.steps.some((s) => s.writes.length > 0 && !s.kindSeqAfter))
    return { ok: false, reason: "the reference dump has no kindSeqBefore/After to calibrate from" };
  const seqBefore = (s: TraceStep) => s.kindSeqBefore?.[kind] ?? 0;
  const seqAfter = (s: TraceStep) => s.kindSeqAfter?.[kind] ?? 0;
  const writes = trace.steps.filter((s) => writers.includes(s.controllerId) && seqAfter(s) > seqBefore(s));
  if (writes.length === 0)
    return {
      ok: false,
      reason: `${writers.join("/")} never wrote ${kind} on the reference path of ${trace.scenario}`,
    };
  const first = writes[0];
  const last = writes[writes.length - 1];
  if (!trace.steps.some((s) => s.index > first.index && s.controllerId === reader))
    return {
      ok: false,
      reason: `${reader} does not run after ${first.controllerId} writes ${kind} (step ${first.index}) on the reference path: the window would never be entered`,
    };
  const staleAt = seqBefore(first);
  const closing = trace.steps.find((s) => s.index > last.index && seqAfter(s) > seqAfter(last));
  if (opts.bounded && !closing)
    return {
      ok: false,
      reason: `${reader} watches ${kind} and no later write of ${kind} on the reference path would close the window: it would stay stale forever, which a watched informer never does`,
    };
  const catchUpAt = opts.bounded && closing ? seqAfter(closing) : seqAfter(last) + 1;
  return {
    ok: true,
    value: { staleAt, catchUpAt },
    steps: writes.map((s) => s.index),
    note:
      `${kind} sequence ${staleAt} before ${first.controllerId}'s write at step ${first.index}; last write at step ${last.index} reached ${seqAfter(last)}` +
      (opts.bounded && closing
        ? `; the write at step ${closing.index} (sequence ${catchUpAt}) closes the window`
        : "; nothing closes the window (no watch)"),
  };
}

/**
 * Ready depths for a user action on `kind`: just before the first, middle and last write by the controllers
 * it triggers on the reference path (depth d fires before the step at index d).
 */
export function calibrateActionDepths(
  trace: ReferenceTrace,
  controllers: string[],
  maxDepth: number,
): Calibrated<number[]> {
  const writeSteps = trace.steps.filter((s) => controllers.includes(s.controllerId) && s.writes.length > 0);
  if (writeSteps.length === 0)
    return {
      ok: false,
      reason: `${controllers.join("/")} wrote nothing on the reference path of ${trace.scenario}`,
    };
  const picks = [
    writeSteps[0],
    writeSteps[Math.floor((writeSteps.length - 1) / 2)],
    writeSteps[writeSteps.length - 1],
  ];
  const depths = [...new Set(picks.map((s) => s.index))].filter((d) => d <= maxDepth).sort((a, b) => a - b);
  return {
    ok: true,
    value: depths,
    steps: depths,
    note: `writes by ${controllers.join("/")} at steps ${writeSteps.map((s) => s.index).join(", ")}; the action fires just before the first, middle and last`,
  };
}

/**
 * Ready depths for an action the base scenario already has (index i): inside the window where it can race —
 * strictly between the step of action i−1 (or the start) and the step where action i fires on the reference path
 * (kamera's interleaving rule) — at the first, middle and last controller write in that window.
 */
export function calibrateExistingActionDepths(
  trace: ReferenceTrace,
  actionIndex: number,
): Calibrated<number[]> {
  const fired = (i: number) => trace.steps.find((s) => s.actionIndex === i)?.index;
  const at = fired(actionIndex);
  if (at === undefined)
    return {
      ok: false,
      reason: `action ${actionIndex} never fired on the reference path of ${trace.scenario}`,
    };
  const from = actionIndex > 0 ? (fired(actionIndex - 1) ?? -1) : -1;
  const writes = trace.steps.filter(
    (s) => s.index > from && s.index < at && s.actionIndex === undefined && s.writes.length > 0,
  );
  if (writes.length === 0)
    return {
      ok: false,
      reason: `no controller writes between action ${actionIndex - 1 < 0 ? "start" : actionIndex - 1} and action ${actionIndex} on the reference path of ${trace.scenario}: nothing to race with`,
    };
  const picks = [writes[0], writes[Math.floor((writes.length - 1) / 2)], writes[writes.length - 1]];
  const depths = [...new Set(picks.map((s) => s.index))].sort((a, b) => a - b);
  return {
    ok: true,
    value: depths,
    steps: depths,
    note: `action ${actionIndex} fires at step ${at} when it waits for convergence; controller writes before it at steps ${writes.map((s) => s.index).join(", ")}`,
  };
}
