import type { FaultInjection } from "../../../formats/workflow.ts";
import type { StateNode } from "../state/index.ts";
import { CrashInjector } from "../step/crash.ts";

/**
 * Fault injection (spec §5.5): a config arms a crash for a step of its reconciler unless triggerOnce already
 * fired on this branch, and [inferred] only at depth ≥ triggerAfterDepth. A fault with restartManager fires at
 * most once per branch (the restart follows it; the fault is disarmed for the rest of the branch).
 */
export function armedFault(
  faults: readonly FaultInjection[],
  node: Pick<StateNode, "crashed" | "depth">,
  reconcilerId: string,
): FaultInjection | undefined {
  return faults.find(
    (f) =>
      f.reconciler === reconcilerId &&
      !((f.triggerOnce || f.restartManager !== undefined) && node.crashed.includes(reconcilerId)) &&
      node.depth >= (f.triggerAfterDepth ?? 0),
  );
}

export function injectorFor(fault: FaultInjection | undefined): CrashInjector | undefined {
  return fault ? new CrashInjector(fault.crashAfterEffect) : undefined;
}
