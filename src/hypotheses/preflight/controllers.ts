import { CLEANUP_ID, GC_ID } from "../../engine/index.ts";
import { targetsOf } from "../perturbations/targets.ts";
import type { PreflightIssue } from "../types.ts";
import type { Check, CheckContext } from "./context.ts";

/** Every reconciler ID the variant names, with the tuning path that names it. */
function namedControllers(ctx: CheckContext): Array<{ id: string; path: string }> {
  const t = ctx.tuning;
  return [
    ...targetsOf(ctx.hypothesis).controllers.map((id, i) => ({ id, path: `targets.controllers[${i}]` })),
    ...(t.permuteControllers ?? []).map((id, i) => ({ id, path: `tuning.permuteControllers[${i}]` })),
    ...(t.stalenessIntervals ?? []).map((s, i) => ({
      id: s.reconciler,
      path: `tuning.stalenessIntervals[${i}].reconciler`,
    })),
    ...(t.faultInjection ?? []).map((f, i) => ({
      id: f.reconciler,
      path: `tuning.faultInjection[${i}].reconciler`,
    })),
  ];
}

/** Pre-flight 1: a controller missing from permuteControllers is the most common reason an ordering is never explored. */
export const controllersPermuted: Check = (ctx) => {
  const permuted = new Set(ctx.tuning.permuteControllers ?? []);
  return targetsOf(ctx.hypothesis)
    .controllers.filter((id) => !permuted.has(id))
    .map((id) => ({
      check: "controllers-permuted",
      path: "tuning.permuteControllers",
      message: `"${id}" is named by the hypothesis but missing from tuning.permuteControllers; add it (permutation and its scoping modifiers do nothing without it)`,
    }));
};

export const controllersRegistered: Check = (ctx) => {
  if (ctx.registered === undefined)
    return [
      {
        check: "controllers-registered",
        path: "",
        severity: "warning",
        message:
          "the project's registered controllers are unknown (no project.ts and no surface map); controller IDs were not checked",
      },
    ];
  const registered = new Set(ctx.registered);
  // The engines' built-in reconcilers may be named too (e.g. CleanupReconciler permuted to remove a deleted object first).
  const builtin = new Set([CLEANUP_ID, GC_ID]);
  const issues: PreflightIssue[] = [];
  const reported = new Set<string>();
  for (const { id, path } of namedControllers(ctx)) {
    if (registered.has(id) || builtin.has(id) || reported.has(id)) continue;
    reported.add(id);
    issues.push({
      check: "controllers-registered",
      path,
      blocking: true,
      message: `controller "${id}" is not registered in the project (registered: ${[...registered].sort().join(", ") || "none"}); fix the ID or register "${id}" in the project first`,
    });
  }
  return issues;
};

/** A controller that never reconciles in the reference cannot race: the scenario has no trigger path to it. */
export const controllersTriggered: Check = (ctx) => {
  const seen = new Set(ctx.facts.controllersSeen);
  const registered = ctx.registered ? new Set(ctx.registered) : undefined;
  return targetsOf(ctx.hypothesis)
    .controllers.filter((id) => !seen.has(id) && (registered === undefined || registered.has(id)))
    .map((id) => {
      const deps = ctx.dependencies?.[id];
      const hint = deps?.length ? ` (it is triggered by ${deps.join(", ")})` : "";
      return {
        check: "controllers-triggered",
        path: "targets.controllers",
        blocking: true,
        message: `"${id}" never reconciles in the reference run: nothing in this scenario triggers it${hint}; add a seed object or external input that does, then plan again`,
      };
    });
};
