import type { KubeObj } from "../api.ts";
import {
  type EffectRecord,
  kindOfObject,
  dedupSorted,
  makePending,
  type Pending,
  type VersionStore,
} from "../state/index.ts";
import { CLEANUP_ID, GC_ID, type Registry } from "./registry.ts";
import { isMarked } from "./write-rules.ts";

/**
 * kamera's getTriggered (spec §2): for every write effect, in order — cleanup for marked objects, the garbage
 * collector for removals, primaries (`for`), watch mappers, and owners (`owns`). Deduplicated and sorted.
 */
export function triggeredBy(effects: readonly EffectRecord[], reg: Registry, store: VersionStore): Pending[] {
  const out: Pending[] = [];
  const add = (reconcilerId: string, namespace: string, name: string) =>
    out.push(makePending(reconcilerId, namespace, name, "State Change"));
  for (const eff of effects) {
    const e = eff.entry;
    const obj = store.resolve(eff.entry.hash) as unknown as KubeObj;
    if (eff.op === "DELETE" || (eff.op !== "CREATE" && eff.op !== "REMOVE" && isMarked(obj))) {
      add(CLEANUP_ID, e.namespace, e.name);
    }
    if (eff.op === "REMOVE") add(GC_ID, e.namespace, e.name);
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
