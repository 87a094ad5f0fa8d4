import type { StepFact } from "../../hypotheses/reference-facts.ts";
import type { ReferenceView } from "./types.ts";

/**
 * Whether one controller's reconciles can race each other, judged from what they touched on the reference path.
 * Reconciles of different objects whose writes never meet the other's reads or writes commute: no order among them
 * can change the outcome, so "the order of X's pending reconciles matters" has nothing to stand on (its races with
 * other controllers are the pair claims'). A reconcile's request is the first object of its `for` kind it read
 * (controllers read their own object first); a step without one, fewer than two requests seen, or a LIST of a kind
 * another reconcile writes make the answer "may race".
 */
export function selfRaceable(ref: ReferenceView, controller: string, forKind: string | null): boolean {
  const steps = ref.facts.steps.filter((s) => s.controllerId === controller);
  const requests = steps.map((s) => requestOf(s, forKind));
  if (requests.some((r) => r === undefined) || new Set(requests).size < 2) return true;
  for (let i = 0; i < steps.length; i++)
    for (let j = i + 1; j < steps.length; j++)
      if (requests[i] !== requests[j] && meet(steps[i] as StepFact, steps[j] as StepFact)) return true;
  return false;
}

/** The first object of the controller's `for` kind it read: requests always name an object of that kind. */
function requestOf(s: StepFact, forKind: string | null): string | undefined {
  return s.reads.find((r) => r.kind === forKind && r.key)?.key;
}

/** One step's writes touch what the other read or wrote (either way round). */
function meet(a: StepFact, b: StepFact): boolean {
  return touches(a, b) || touches(b, a);
}

function touches(writer: StepFact, other: StepFact): boolean {
  const keys = new Set([
    ...other.writes.map((w) => w.key),
    ...other.reads.flatMap((r) => (r.key ? [r.key] : [])),
  ]);
  const listed = new Set(other.reads.filter((r) => !r.key).map((r) => r.kind));
  return writer.writes.some((w) => keys.has(w.key) || listed.has(w.kind));
}
