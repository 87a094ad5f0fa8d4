import type { ProjectDefinition } from "../../engine/embedded/api.ts";
import { RESERVED_IDS } from "../../engine/index.ts";
import type { SharedState, SurfaceController, SurfaceIssue, SurfaceRead } from "../../formats/surface-map.ts";
import type { ObservedController } from "./observed.ts";

/**
 * An embedded project's controllers, exact from its definitions (for/owns/watches/reads) plus what reference
 * runs showed them write (pure).
 */
export function embeddedControllers(
  def: ProjectDefinition,
  observed: Map<string, ObservedController>,
  source: string,
): { controllers: SurfaceController[]; sharedState: SharedState[]; issues: SurfaceIssue[] } {
  const issues: SurfaceIssue[] = [];
  const controllers = def.controllers.map((c, i): SurfaceController => {
    const seen = observed.get(c.id);
    if (!seen)
      issues.push({
        path: `controllers[${i}]`,
        message: `${c.id} never ran in the reference runs: its writes are unknown (add a scenario that triggers it)`,
        severity: "warning",
      });
    const declared: SurfaceRead[] = (c.reads ?? []).map((kind) => ({ kind }));
    const reads = [...declared];
    for (const r of seen?.reads ?? []) if (!reads.some((x) => x.kind === r.kind)) reads.push(r);
    const hooks = [...(c.onCrash ? (["onCrash"] as const) : []), ...(c.onFork ? (["onFork"] as const) : [])];
    return {
      id: c.id,
      source,
      fidelity: "simulation",
      for: c.for,
      owns: [...(c.owns ?? [])],
      watches: (c.watches ?? []).map((w) => ({
        kind: w.kind,
        ...(w.map ? { mapper: w.map.name && w.map.name !== "map" ? w.map.name : "map function" } : {}),
      })),
      reads,
      writes: seen?.writes ?? [],
      writesPerReconcile: seen?.writesPerReconcile ?? 0,
      writeOrder: seen?.writeOrder ?? [],
      registered: true,
      sharedState: hooks.length ? [`${c.id} in-memory state`] : [],
      hooks,
    };
  });
  // The engine's own reconcilers (garbage collection, finalizer cleanup, user actions) are not the project's.
  for (const id of observed.keys())
    if (!RESERVED_IDS.has(id) && !def.controllers.some((c) => c.id === id))
      issues.push({
        path: "controllers",
        message: `reference runs show controller "${id}" that the project does not define`,
        severity: "error",
      });
  // A reset hook means the controller keeps state outside the view; whether others share it is not knowable
  // from definitions, so each is listed on its own (ordering targets; DFS forks call onFork).
  const sharedState: SharedState[] = controllers
    .filter((c) => c.hooks.length > 0)
    .map((c) => ({
      name: `${c.id} in-memory state`,
      origin: "declared",
      controllers: [c.id],
      reset: c.hooks.join(" + "),
    }));
  return { controllers, sharedState, issues };
}
