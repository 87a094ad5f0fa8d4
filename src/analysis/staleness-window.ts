import { frontierValues, type KindTrace } from "./kind-trace.ts";

/**
 * Phase J pre-flight for a staleness window, checked against a reference path: live means the frontier reaches a
 * value v with staleAt ≤ v < catchUpAt and the initial frontier is below catchUpAt (the F5 mistake: a window
 * staleAt=1, catchUpAt=4 that expired because the initial sequence was already 4); effective means some write of
 * the kind lands inside (staleAt, catchUpAt), so the stale view actually hides something.
 */

export interface WindowCheck {
  live: boolean;
  effective: boolean;
  reasons: string[];
  /** Steps whose writes the stale view hides. */
  hiddenWrites: number[];
}

export function checkStalenessWindow(
  window: { kind: string; staleAt: number; catchUpAt: number },
  trace: KindTrace | undefined,
  opts: { userActionSteps?: number[] } = {},
): WindowCheck {
  const reasons: string[] = [];
  if (window.catchUpAt <= window.staleAt)
    reasons.push(`catchUpAt ${window.catchUpAt} ≤ staleAt ${window.staleAt}: empty window`);
  if (!trace) {
    reasons.push(`kind ${window.kind} is never written or seeded on the reference path`);
    return { live: false, effective: false, reasons, hiddenWrites: [] };
  }
  const values = frontierValues(trace);
  if (trace.initial >= window.catchUpAt)
    reasons.push(
      `expired before the run: initial ${window.kind} sequence ${trace.initial} ≥ catchUpAt ${window.catchUpAt}`,
    );
  const reached = values.some((v) => window.staleAt <= v && v < window.catchUpAt);
  if (!reached) {
    const max = values.length ? Math.max(...values) : 0;
    reasons.push(
      max < window.staleAt
        ? `never entered: the ${window.kind} frontier only reaches ${max} < staleAt ${window.staleAt}`
        : `no frontier value of ${window.kind} lies in [${window.staleAt}, ${window.catchUpAt}) (values: ${values.join(", ")})`,
    );
  }
  const hidden = trace.advances.filter((a) => a.after > window.staleAt && a.after < window.catchUpAt);
  if (reached && hidden.length === 0)
    reasons.push(
      `no ${window.kind} write lands in (${window.staleAt}, ${window.catchUpAt}): nothing is hidden`,
    );
  const catchUp = trace.advances.find((a) => a.after === window.catchUpAt);
  if (catchUp && opts.userActionSteps?.includes(catchUp.step))
    reasons.push(`catchUpAt ${window.catchUpAt} is the user action at step ${catchUp.step} itself`);
  const live = reached && trace.initial < window.catchUpAt && window.catchUpAt > window.staleAt;
  return { live, effective: live && hidden.length > 0, reasons, hiddenWrites: hidden.map((a) => a.step) };
}
