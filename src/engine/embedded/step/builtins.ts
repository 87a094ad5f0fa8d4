import type { KubeObj, Request } from "../api.ts";
import { type Entry, keyStrOf, kindOfObject, type ObjectSet } from "../state/index.ts";
import type { Frame } from "./frame.ts";
import { finalizersOf, isMarked } from "./write-rules.ts";

type Resolve = (hash: string) => KubeObj;

/**
 * CleanupReconciler (spec §3.6): a marked object whose finalizers are empty is removed. The pending entry names
 * only namespace/name, so every kind with that key is checked.
 */
export function runCleanup(frame: Frame, req: Request, resolve: Resolve): void {
  for (const kind of frame.objects.kindNames().sort()) {
    const e = frame.objects.get(kind, keyStrOf(kind, req.namespace, req.name));
    if (!e) continue;
    frame.observations.push({ op: "GET", kind, namespace: e.namespace, name: e.name, entry: e });
    const obj = resolve(e.hash);
    if (isMarked(obj) && finalizersOf(obj).length === 0) frame.remove(e);
  }
}

/** Does an owner reference name a live owner (same namespace or cluster-scoped, same UID when the ref has one)? */
export function ownerLive(
  objects: ObjectSet,
  dep: Entry,
  ref: NonNullable<KubeObj["metadata"]["ownerReferences"]>[number],
) {
  const kind = kindOfObject(ref);
  const owner =
    objects.get(kind, keyStrOf(kind, dep.namespace, ref.name)) ??
    objects.get(kind, keyStrOf(kind, "", ref.name));
  return owner !== undefined && (!ref.uid || ref.uid === owner.objectId);
}

/**
 * Garbage collector (background cascade, spec §3.6 [inferred]): after an owner named `req` is removed, every
 * dependent whose owner references are all dangling is marked for deletion, then goes through cleanup.
 */
export function runGarbageCollector(frame: Frame, req: Request, resolve: Resolve): void {
  const candidates: Entry[] = [];
  for (const kind of frame.objects.kindNames()) {
    for (const e of frame.objects.list(kind)) {
      if (req.namespace !== "" && e.namespace !== req.namespace) continue;
      const refs = resolve(e.hash).metadata?.ownerReferences ?? [];
      if (refs.some((r) => r.name === req.name) && !refs.some((r) => ownerLive(frame.objects, e, r))) {
        candidates.push(e);
      }
    }
  }
  candidates.sort((a, b) => (a.keyStr < b.keyStr ? -1 : a.keyStr > b.keyStr ? 1 : 0));
  for (const e of candidates) {
    if (!isMarked(resolve(e.hash))) frame.mark(e);
  }
}
