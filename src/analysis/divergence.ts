import type { Citation } from "../formats/citation.ts";
import type { Dump } from "../formats/dump.ts";
import { citeStep, citeTerminal } from "./citations.ts";
import { outcomeOf, pathsOf, statesOf } from "./dump-model.ts";
import { computeStates, type StateGroup, type StatesOptions } from "./states.ts";

/**
 * The evidence a "confirmed" claim needs (kamera-workflow Phase H): divergent terminal states, or an error.
 * Used by the evidence rules: a finding is confirmed only with a resolving citation of one of these.
 */

export interface Divergence {
  divergent: boolean;
  groups: StateGroup[];
  /** One citation per terminal group (its representative's last step) when there are two or more groups. */
  citations: Citation[];
}

export function findDivergence(
  dumps: ReadonlyArray<{ id: string; dump: Dump }>,
  opts: StatesOptions = {},
): Divergence {
  const result = computeStates(dumps, opts);
  const divergent = result.groups.length > 1;
  const citations = divergent
    ? result.groups.map((g) => ({
        ...g.representative,
        note: `divergence: terminal group ${g.hash ?? g.key} (${g.count} of ${result.states} states, ${g.percent}%)`,
      }))
    : [];
  return { divergent, groups: result.groups, citations };
}

/** Citations of every reconcile error step and every abort other than max depth. */
export function findErrors(dumps: ReadonlyArray<{ id: string; dump: Dump }>): Citation[] {
  const out: Citation[] = [];
  for (const { id, dump } of dumps) {
    for (const s of statesOf(dump)) {
      pathsOf(s).forEach((path, p) => {
        path.forEach((step, k) => {
          if (step.error) out.push(citeStep(id, s, p, k, `error: ${step.error}`));
        });
      });
      if (outcomeOf(s) === "aborted") out.push(citeTerminal(id, s, 0, `aborted: ${s.error}`));
    }
  }
  return out;
}
