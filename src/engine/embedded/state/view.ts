import { kindAsOf, type StateEvent } from "./event-log.ts";
import type { Entry } from "./keys.ts";
import type { ObjectSet } from "./object-set.ts";

/**
 * What a reconciler reads: the true objects, except that pinned kinds are seen as of an older global sequence
 * (kamera's per-kind prefix replay: stale kinds are old, every other kind is current).
 */
export interface View {
  get(kind: string, keyStr: string): Entry | undefined;
  list(kind: string): Entry[];
  /** Stale kinds → the global sequence they are observed at (empty = fresh view). */
  readonly pins: ReadonlyMap<string, number>;
}

const NO_PINS: ReadonlyMap<string, number> = new Map();

export function trueView(objects: ObjectSet): View {
  return {
    get: (kind, keyStr) => objects.get(kind, keyStr),
    list: (kind) => objects.list(kind),
    pins: NO_PINS,
  };
}

/**
 * The view with `pins` applied. A pin at or past the kind's frontier sees the current objects (no replay), but
 * still counts as stale for trigger filtering: the informer is frozen even before anything new is written.
 */
export function staleView(
  objects: ObjectSet,
  events: StateEvent | null,
  pins: ReadonlyMap<string, number>,
  kindSeq: Readonly<Record<string, number>>,
): View {
  const old = new Map<string, ReadonlyMap<string, Entry>>();
  for (const [kind, seq] of pins) if (seq < (kindSeq[kind] ?? 0)) old.set(kind, kindAsOf(events, kind, seq));
  if (old.size === 0) return { ...trueView(objects), pins };
  return {
    get: (kind, keyStr) => {
      const k = old.get(kind);
      return k ? k.get(keyStr) : objects.get(kind, keyStr);
    },
    list: (kind) => {
      const k = old.get(kind);
      return k ? [...k.values()] : objects.list(kind);
    },
    pins,
  };
}
