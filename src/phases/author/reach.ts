import type { SurfaceController, SurfaceMap } from "../../formats/surface-map.ts";
import { canonicalKindOf } from "../../formats/workflow-kinds.ts";
import { triggerKinds } from "../map/roles.ts";
import type { BaseEnv, SeedCatalog } from "./seeds.ts";

/** Controllers and kinds a change of `start` sets in motion: triggered controllers, what they write, onward. */
export function reachFrom(map: SurfaceMap, start: string): { controllers: Set<string>; kinds: Set<string> } {
  const controllers = new Set<string>();
  const kinds = new Set<string>([start]);
  const queue = [start];
  while (queue.length > 0) {
    const kind = queue.shift() as string;
    for (const c of map.controllers) {
      if (!c.registered || !triggerKinds(c).has(kind) || controllers.has(c.id)) continue;
      controllers.add(c.id);
      for (const w of c.writes)
        if (!kinds.has(w.kind)) {
          kinds.add(w.kind);
          queue.push(w.kind);
        }
    }
  }
  return { controllers, kinds };
}

/** Kinds the reached controllers read or watch that no controller creates: inputs a scenario must seed. */
export function inputKinds(map: SurfaceMap, start: string): string[] {
  const { controllers } = reachFrom(map, start);
  const created = new Set(
    map.controllers.flatMap((c) =>
      c.writes.filter((w) => w.op === "CREATE" || w.op === "APPLY").map((w) => w.kind),
    ),
  );
  const needed = new Set<string>();
  for (const c of map.controllers.filter((x) => controllers.has(x.id)))
    for (const k of [...c.reads.map((r) => r.kind), ...c.watches.map((w) => w.kind)])
      if (k !== start && !created.has(k)) needed.add(k);
  return [...needed].sort();
}

/**
 * The first base environment (by user-facing kind) whose seeded objects and actions, together, set every target
 * controller in motion; its key is the kind its reference trace is stored under.
 */
export function baseFor(
  map: SurfaceMap,
  seeds: SeedCatalog,
  targets: string[],
): { kind: string; base: BaseEnv } | undefined {
  const kindOf = (o: { apiVersion: string; kind: string }) => canonicalKindOf(o.apiVersion, o.kind);
  for (const [kind, base] of [...seeds.bases].sort(([a], [b]) => a.localeCompare(b))) {
    const kinds = new Set([kind, ...base.objects.map(kindOf), ...base.actions.map((a) => kindOf(a.object))]);
    const reached = new Set([...kinds].flatMap((k) => [...reachFrom(map, k).controllers]));
    if (targets.every((t) => reached.has(t))) return { kind, base };
  }
  return undefined;
}

export function controllerById(map: SurfaceMap, id: string): SurfaceController | undefined {
  return map.controllers.find((c) => c.id === id);
}
