import type { Scenario } from "../../formats/workflow.ts";
import { didYouMean } from "./similar.ts";
import type { Finding, ScenarioCheck } from "./types.ts";

/** Checks that need the project's controllers (quality checks 1 and 2 of workflow Phase C). */

/** Every place tuning names a reconciler ID. */
function reconcilerRefs(s: Scenario): { id: string; path: (string | number)[] }[] {
  const t = s.tuning;
  if (!t) return [];
  return [
    ...(t.permuteControllers ?? []).map((id, j) => ({ id, path: ["tuning", "permuteControllers", j] })),
    ...(t.stalenessIntervals ?? []).map((iv, j) => ({
      id: iv.reconciler,
      path: ["tuning", "stalenessIntervals", j, "reconciler"],
    })),
    ...(t.faultInjection ?? []).map((f, j) => ({
      id: f.reconciler,
      path: ["tuning", "faultInjection", j, "reconciler"],
    })),
    ...Object.keys(t.staleReads ?? {}).map((id) => ({ id, path: ["tuning", "staleReads", id] })),
  ];
}

/** A reconciler ID the project does not register is silently never permuted, made stale or crashed. */
export const unregisteredController: ScenarioCheck = (s, _i, ctx) => {
  const facts = ctx.controllers;
  if (!facts) return [];
  const ids = facts.controllers.map((c) => c.id);
  const known = new Set(ids);
  return reconcilerRefs(s)
    .filter((r) => !known.has(r.id))
    .map(
      (r): Finding => ({
        path: r.path,
        message: `${JSON.stringify(r.id)} is not a registered controller of ${facts.project}${didYouMean(r.id, ids)} (known: ${ids.join(", ") || "none"}; from ${facts.source})`,
      }),
    );
};

/** A staleness window on a kind the reconciler never reads changes nothing. */
export const staleKindNotRead: ScenarioCheck = (s, _i, ctx) => {
  const byId = new Map((ctx.controllers?.controllers ?? []).map((c) => [c.id, c.kinds]));
  return (s.tuning?.stalenessIntervals ?? []).flatMap((iv, j) => {
    const kinds = byId.get(iv.reconciler);
    if (!kinds || kinds.includes(iv.kind)) return [];
    return [
      {
        path: ["tuning", "stalenessIntervals", j, "kind"],
        message: `${iv.reconciler} does not read ${iv.kind} (it reads ${kinds.join(", ") || "nothing declared"}): this window has no effect`,
      },
    ];
  });
};
