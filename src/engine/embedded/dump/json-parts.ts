import type {
  CompositeKey,
  DumpObjectVersion,
  DumpPendingReconcile,
  KindSequences,
} from "../../../formats/dump.ts";
import { type Entry, type KindSeq, type ObjectSet, type Pending, splitKind } from "../state/index.ts";

/** JSON pieces of a dump in kamera's key order and omitempty rules (formats §2.4–2.5). */

export const STRATEGY = "default";

export function compositeKey(kind: string, namespace: string, name: string, objectId?: string): CompositeKey {
  const { group, kindName } = splitKind(kind);
  const k: CompositeKey = {};
  if (group) k.identityGroup = group;
  k.identityKind = kindName;
  if (objectId) k.objectId = objectId;
  if (group) k.resourceGroup = group;
  k.resourceKind = kindName;
  if (namespace) k.namespace = namespace;
  if (name) k.name = name;
  return k;
}

export function entryKey(e: Entry): CompositeKey {
  return compositeKey(e.kind, e.namespace, e.name, e.objectId);
}

export function versionHash(hash: string) {
  return { Value: hash, Strategy: STRATEGY };
}

const versionsMemo = new WeakMap<ObjectSet, DumpObjectVersion[]>();

/** Full object set as DumpObjectVersion[], sorted by key. */
export function objectVersions(objects: ObjectSet): DumpObjectVersion[] {
  let v = versionsMemo.get(objects);
  if (!v) {
    v = objects.sorted().map((e) => ({ key: entryKey(e), hash: versionHash(e.hash) }));
    versionsMemo.set(objects, v);
  }
  return v;
}

export function kindSeqJson(k: KindSeq): KindSequences {
  const out: KindSequences = {};
  for (const kind of Object.keys(k).sort()) out[kind] = k[kind];
  return out;
}

export function pendingJson(p: readonly Pending[]): DumpPendingReconcile[] {
  return p.map((x) => ({
    reconcilerId: x.reconcilerId,
    namespace: x.namespace,
    name: x.name,
    source: x.source,
  }));
}

/** Object content for `objects[]`: sorted keys, as Go marshals a map. */
export function sortedJson(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortedJson);
  if (v !== null && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) out[k] = sortedJson((v as Record<string, unknown>)[k]);
    return out;
  }
  return v;
}
