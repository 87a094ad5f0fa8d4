import { citeTerminal, outcomeOf, statesOf } from "../../analysis/index.ts";
import type { Citation } from "../../formats/citation.ts";
import { checkInvariants, type ObjectRef, terminalView, type Violation } from "../../invariants/index.ts";
import type { JudgeChecks } from "./checks.ts";
import { convergedGroups } from "./terminal.ts";
import type { Evidence, LoadedDump } from "./types.ts";

export interface StateViolation {
  invariant: string;
  builtin: boolean;
  violation: Violation;
  dump: string;
  state: ReturnType<typeof statesOf>[number];
}

/** The same violation in two runs compares equal: invariant name + message. */
export const signature = (v: { invariant: string; violation: Violation }) =>
  `${v.invariant}|${v.violation.message}`;

/** Every invariant violation in the converged terminal states of some dumps (check errors are not evidence). */
export function violationsIn(dumps: readonly LoadedDump[], checks: JudgeChecks): StateViolation[] {
  const out: StateViolation[] = [];
  for (const { id, dump } of dumps)
    for (const s of statesOf(dump)) {
      if (outcomeOf(s) !== "converged") continue;
      const { view } = terminalView(dump, s);
      for (const r of checkInvariants(checks.invariants, view))
        for (const violation of r.violations)
          out.push({ invariant: r.invariant, builtin: r.builtin, violation, dump: id, state: s });
    }
  return out;
}

/** Invariants whose check threw, with the message: a project bug the report must show, never evidence. */
export function invariantErrors(dumps: readonly LoadedDump[], checks: JudgeChecks): string[] {
  const errors = new Set<string>();
  for (const { dump } of dumps)
    for (const s of statesOf(dump)) {
      if (outcomeOf(s) !== "converged") continue;
      for (const r of checkInvariants(checks.invariants, terminalView(dump, s).view))
        if (r.error) errors.add(`${r.invariant}: ${r.error}`);
    }
  return [...errors].sort();
}

const uniqueRefs = (refs: ObjectRef[]) => [
  ...new Map(refs.map((r) => [`${r.kind}|${r.namespace}|${r.name}`, r])).values(),
];

/**
 * A violation the reference does not show, in a converged terminal state of the exploration: the strongest
 * evidence (the project itself says this state is wrong). Violations the reference already has are a bug on every
 * path — reported from the reference run, not credited to this hypothesis.
 */
export function findInvariantEvidence(
  exploration: readonly LoadedDump[],
  baseline: readonly LoadedDump[],
  checks: JudgeChecks,
  total: number,
): Evidence | undefined {
  const known = new Set(violationsIn(baseline, checks).map(signature));
  const fresh = violationsIn(exploration, checks).filter((v) => !known.has(signature(v)));
  if (fresh.length === 0) return undefined;
  // The reference's outcome first (what should have happened), then each violating state.
  const expected = convergedGroups(baseline, checks.mask).groups[0]?.representative;
  const citations: Citation[] = expected
    ? [{ ...expected, note: `expected outcome: terminal state ${expected.contentsHash} (the reference's)` }]
    : [];
  const bySig = new Map<string, StateViolation>();
  for (const v of fresh) if (!bySig.has(signature(v))) bySig.set(signature(v), v);
  for (const v of [...bySig.values()].slice(0, 5))
    citations.push(
      citeTerminal(v.dump, v.state, 0, `invariant violated: ${v.invariant}: ${v.violation.message}`),
    );
  const states = new Set(fresh.map((v) => `${v.dump}|${v.state.id}`));
  const names = [...new Set(fresh.map((v) => v.invariant))];
  const first = [...bySig.values()][0] as StateViolation;
  return {
    kind: "invariant",
    citations,
    hitRate: { k: states.size, n: Math.max(total, states.size, 1) },
    reason: `${states.size} of ${total} terminal states violate ${names.map((n) => `"${n}"`).join(", ")} (the reference does not); first: ${first.violation.message}`,
    symptom: {
      kind: "invariant",
      invariants: names.sort(),
      objects: uniqueRefs(fresh.flatMap((v) => v.violation.objects)),
    },
  };
}
