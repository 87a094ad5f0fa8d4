import type { SurfaceController, SurfaceMap } from "../../formats/surface-map.ts";

/** What the planner asks of the surface map: who triggers on, reads and writes which kinds. */
export function controllerOf(map: SurfaceMap, id: string): SurfaceController | undefined {
  return map.controllers.find((c) => c.id === id);
}

export function triggerKinds(c: SurfaceController): Set<string> {
  return new Set([...(c.for ? [c.for] : []), ...c.owns, ...c.watches.map((w) => w.kind)]);
}

/** Reads and writes through another cluster's client touch that cluster's objects, never a local one. */
const local = (x: { client?: string }) => x.client !== "remote";

export function readKinds(c: SurfaceController): Set<string> {
  return new Set([...triggerKinds(c), ...c.reads.filter(local).map((r) => r.kind)]);
}

export function writeKinds(c: SurfaceController): Set<string> {
  return new Set(c.writes.filter(local).map((w) => w.kind));
}

/** Kinds through which two controllers interact: one writes what the other writes or reads. */
export function sharedKinds(a: SurfaceController, b: SurfaceController): string[] {
  const out = new Set<string>();
  const wa = writeKinds(a);
  const wb = writeKinds(b);
  for (const k of wa) if (wb.has(k) || readKinds(b).has(k)) out.add(k);
  for (const k of wb) if (readKinds(a).has(k)) out.add(k);
  return [...out].sort();
}
