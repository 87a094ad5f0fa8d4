import type { KubeObj } from "../api.ts";
import {
  type EffectRecord,
  kindOfObject,
  dedupSorted,
  makePending,
  type ObjectSet,
  type Pending,
  type VersionStore,
} from "../state/index.ts";
import { ownerLive } from "./builtins.ts";
import { CLEANUP_ID, GC_ID, type Registry } from "./registry.ts";
import { isMarked } from "./write-rules.ts";

/**
 * kamera's getTriggered (spec §2): for every write effect, in order — cleanup for marked objects, the garbage
 * collector for removals, primaries (`for`), watch mappers, and owners (`owns`). Deduplicated and sorted.
 */
export function triggeredBy(
  effects: readonly EffectRecord[],
  reg: Registry,
  store: VersionStore,
  objects?: ObjectSet,
): Pending[] {
  const out: Pending[] = [];
  const add = (reconcilerId: string, namespace: string, name: string) =>
    out.push(makePending(reconcilerId, namespace, name, "State Change"));
  // An object removed in the same write (a DELETE without finalizers) needs no cleanup.
  const removed = new Set(
    effects.filter((x) => x.op === "REMOVE").map((x) => `${x.entry.kind}|${x.entry.keyStr}`),
  );
  for (const eff of effects) {
    const e = eff.entry;
    const obj = store.resolve(eff.entry.hash) as unknown as KubeObj;
    const gone = removed.has(`${e.kind}|${e.keyStr}`);
    if (!gone && (eff.op === "DELETE" || (eff.op !== "CREATE" && eff.op !== "REMOVE" && isMarked(obj)))) {
      add(CLEANUP_ID, e.namespace, e.name);
    }
    if (eff.op === "REMOVE") add(GC_ID, e.namespace, e.name);
    // [deviation from kamera] The API server's garbage collector also collects an object created with owner
    // references that are all dangling (its owner was deleted while it was being created): without this, a
    // controller that sets owner references would leak in simulation but not in a cluster.
    const refs = obj.metadata?.ownerReferences ?? [];
    if (eff.op === "CREATE" && objects && refs.length > 0 && !refs.some((r) => ownerLive(objects, e, r)))
      add(GC_ID, e.namespace, (refs[0] as { name: string }).name);
    for (const id of reg.primaries.get(e.kind) ?? []) add(id, e.namespace, e.name);
    for (const w of reg.watches.get(e.kind) ?? []) {
      const reqs = w.map ? w.map(obj) : e.name === "" ? [] : [{ namespace: e.namespace, name: e.name }];
      for (const r of reqs ?? []) if (r?.name) add(w.controllerId, r.namespace ?? "", r.name);
    }
    const owned = reg.owners.get(e.kind);
    if (owned) {
      for (const ref of obj.metadata?.ownerReferences ?? []) {
        for (const id of owned.get(kindOfObject(ref)) ?? []) add(id, e.namespace, ref.name);
      }
    }
  }
  return dedupSorted(out);
}
