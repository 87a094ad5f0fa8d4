import type { PlannerCoverage } from "../../../formats/planner-coverage.ts";
import type { Hypothesis } from "../../../formats/records.ts";

const PLANNER = "planner:";

/**
 * One sweep (a reader's stale windows, an input's ready depths) asks one question at several points: once one point
 * confirms it, the others would at most re-confirm the same finding, each at the cost of a search. A hunt reports a
 * bug once and moves on; the fix is re-tested with `ctrlhunt hunt --from rerun`, where the sweep's other points come
 * back if the bug is gone.
 */
export function confirmedSibling(
  h: Hypothesis,
  all: readonly Hypothesis[],
  coverage: PlannerCoverage | undefined,
): Hypothesis | undefined {
  const family = familyOf(h, coverage);
  if (!family) return undefined;
  const keys = new Set(family.candidates.map((c) => `${PLANNER}${c.key}`));
  return all.find((x) => x.id !== h.id && x.status === "confirmed" && keys.has(x.source ?? ""));
}

/** The sweep a planner hypothesis came from, with its label (`timing input 0 (…)`). */
export function familyOf(h: Hypothesis, coverage: PlannerCoverage | undefined) {
  const source = h.source ?? "";
  if (!source.startsWith(PLANNER)) return undefined;
  const key = source.slice(PLANNER.length);
  return coverage?.find((f) => f.candidates.some((c) => c.key === key));
}
