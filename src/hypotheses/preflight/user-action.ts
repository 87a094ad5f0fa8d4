import { actionsOf } from "../../formats/workflow.ts";
import type { PreflightIssue } from "../types.ts";
import { type Check, effectiveMaxDepth } from "./context.ts";

/** Pre-flight 2: does every external input actually fire in the variant? */
export const userActionFires: Check = (ctx) => {
  const issues: PreflightIssue[] = [];
  const maxDepth = effectiveMaxDepth(ctx.tuning);
  const ready = ctx.tuning.userActionReadyDepths ?? {};
  const { facts } = ctx;
  actionsOf(ctx.scenario).forEach((a, i) => {
    const label = `action #${i} (${a.opType} ${a.object.kind} ${a.object.metadata?.name ?? ""})`;
    const path = `tuning.userActionReadyDepths["${i}"]`;
    const depth = ready[String(i)];
    if (depth !== undefined && a.opType === "CREATE" && ctx.engine === "kamera") {
      // The embedded engine fires a CREATE at its ready depth; kamera harnesses that pre-seed CREATE inputs do not.
      issues.push({
        check: "user-action-fires",
        path,
        severity: "warning",
        message: `${label} has ready depth ${depth}: kamera harnesses that pre-seed CREATE inputs ignore it; if yours does, seed the object in environmentState and stagger an UPDATE instead (seed + UPDATE)`,
      });
    } else if (depth !== undefined && depth >= maxDepth) {
      issues.push({
        check: "user-action-fires",
        path,
        message: `${label} is ready at depth ${depth} but maxDepth is ${maxDepth}: every branch aborts first; choose a ready depth below ${maxDepth} or raise tuning.maxDepth above ${depth}`,
      });
    } else if (depth === undefined && !facts.actionsFired.includes(i) && facts.terminals.converged === 0) {
      const why =
        facts.terminals.maxDepthAborted > 0
          ? `${facts.terminals.maxDepthAborted}/${facts.terminals.total} reference terminal states aborted at max depth`
          : `no reference terminal state converged`;
      issues.push({
        check: "user-action-fires",
        path,
        message: `${label} never fires: without a ready depth it waits for quiescence, and the reference never quiesces (${why}); add tuning.userActionReadyDepths {"${i}": 0} to fire it at once, or a depth where it should land`,
      });
    }
  });
  return issues;
};
