import type { SurfaceController, SurfaceMap } from "../../formats/surface-map.ts";
import { triggerKinds } from "../map/roles.ts";

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

/** The first user-facing kind (with a base environment) whose change reaches every target controller. */
export function entryKindFor(
  map: SurfaceMap,
  targets: string[],
  hasBase: (kind: string) => boolean,
): string | undefined {
  return map.kinds
    .filter((k) => k.role === "user-facing" && hasBase(k.kind))
    .map((k) => k.kind)
    .find((k) => {
      const { controllers } = reachFrom(map, k);
      return targets.every((t) => controllers.has(t));
    });
}

export function controllerById(map: SurfaceMap, id: string): SurfaceController | undefined {
  return map.controllers.find((c) => c.id === id);
}
