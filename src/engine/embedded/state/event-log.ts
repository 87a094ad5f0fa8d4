import type { Entry } from "./keys.ts";

/**
 * The branch event log: one event per applied write, newest first as a linked list so branches share their
 * common prefix. Sequences are global across kinds and strictly increasing (seed objects take 1..N).
 */

export type WriteOp = "CREATE" | "UPDATE" | "PATCH" | "APPLY" | "DELETE" | "REMOVE";

export interface StateEvent {
  readonly seq: number;
  readonly op: WriteOp;
  /** The version after the write; for REMOVE, the version that was removed. */
  readonly entry: Entry;
  readonly prev: StateEvent | null;
}

export function appendEvent(prev: StateEvent | null, op: WriteOp, entry: Entry): StateEvent {
  return { seq: (prev?.seq ?? 0) + 1, op, entry, prev };
}

/** How many times a resource key has been removed in this branch (makes re-created objects' UIDs distinct). */
export function removalsOf(head: StateEvent | null, keyStr: string): number {
  let n = 0;
  for (let e = head; e; e = e.prev) if (e.op === "REMOVE" && e.entry.keyStr === keyStr) n++;
  return n;
}

const replayCache = new WeakMap<StateEvent, Map<string, ReadonlyMap<string, Entry>>>();

/**
 * The objects of one kind as of global sequence `limit`: replay that kind's events with seq ≤ limit
 * (kamera's ObserveAt, restricted to one kind because every other kind stays current).
 */
export function kindAsOf(head: StateEvent | null, kind: string, limit: number): ReadonlyMap<string, Entry> {
  if (!head) return new Map();
  const cacheKey = `${kind}@${limit}`;
  let perHead = replayCache.get(head);
  const hit = perHead?.get(cacheKey);
  if (hit) return hit;
  const events: StateEvent[] = [];
  for (let e: StateEvent | null = head; e; e = e.prev) {
    if (e.seq <= limit && e.entry.kind === kind) events.push(e);
  }
  const out = new Map<string, Entry>();
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i];
    if (e.op === "REMOVE") out.delete(e.entry.keyStr);
    else out.set(e.entry.keyStr, e.entry);
  }
  if (!perHead) {
    perHead = new Map();
    replayCache.set(head, perHead);
  }
  perHead.set(cacheKey, out);
  return out;
}
