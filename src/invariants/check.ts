import { BUILTIN_INVARIANTS } from "./builtins.ts";
import type { Invariant, InvariantResult, ProjectChecks, TerminalView } from "./types.ts";

/** The invariants that judge a project: its own, then the built-ins it did not turn off. */
export interface InvariantSet {
  declared: readonly Invariant[];
  builtins: readonly Invariant[];
}

export function invariantSet(checks: ProjectChecks | undefined): InvariantSet {
  const off = new Set(checks?.disableBuiltins ?? []);
  return {
    declared: checks?.invariants ?? [],
    builtins: BUILTIN_INVARIANTS.filter((i) => !off.has(i.name)),
  };
}

/** Every invariant's verdict on one terminal state. A check that throws is reported, never taken as evidence. */
export function checkInvariants(set: InvariantSet, view: TerminalView): InvariantResult[] {
  const run = (inv: Invariant, builtin: boolean): InvariantResult => {
    try {
      const violations = inv.check(view);
      if (!Array.isArray(violations))
        return { invariant: inv.name, builtin, violations: [], error: "check did not return an array" };
      return { invariant: inv.name, builtin, violations };
    } catch (e) {
      return {
        invariant: inv.name,
        builtin,
        violations: [],
        error: e instanceof Error ? e.message : String(e),
      };
    }
  };
  return [...set.declared.map((i) => run(i, false)), ...set.builtins.map((i) => run(i, true))];
}
