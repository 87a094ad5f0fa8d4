import type { KubeObj } from "../api.ts";
import {
  appendEvent,
  cloneJson,
  deterministicUid,
  type EffectRecord,
  keyStrOf,
  kindOfObject,
  makeEntry,
  ObjectSet,
  type StateEvent,
  type StateNode,
} from "../state/index.ts";
import type { StepEnv } from "./env.ts";
import { triggeredBy } from "./triggers.ts";

/**
 * The root node (kamera's buildStartStateFromObjects): seed objects take sequences 1..N in input order, get
 * deterministic UIDs, and owner references among them are patched to their owners' UIDs. Initial pending work
 * is what those CREATEs trigger, as an informer's initial list would [inferred].
 */
export function buildRoot(env: StepEnv): StateNode {
  const seeds = env.cfg.seedObjects.map((o) => {
    const obj = cloneJson(o) as KubeObj;
    obj.metadata ??= { name: "" };
    const kind = kindOfObject(obj);
    const ns = obj.metadata.namespace ?? "";
    const keyStr = keyStrOf(kind, ns, obj.metadata.name);
    obj.metadata.uid = deterministicUid(keyStr, 0);
    delete obj.metadata.resourceVersion;
    if (!obj.metadata.generation) obj.metadata.generation = 1;
    return { obj, kind, ns, keyStr };
  });
  const uidOf = new Map(seeds.map((s) => [s.keyStr, s.obj.metadata.uid as string]));
  for (const s of seeds) {
    for (const ref of s.obj.metadata.ownerReferences ?? []) {
      const ownerKind = kindOfObject(ref);
      const uid =
        uidOf.get(keyStrOf(ownerKind, s.ns, ref.name)) ?? uidOf.get(keyStrOf(ownerKind, "", ref.name));
      if (uid) ref.uid = uid;
    }
  }
  let objects = ObjectSet.EMPTY;
  let events: StateEvent | null = null;
  const kindSeq: Record<string, number> = {};
  const effects: EffectRecord[] = [];
  for (const s of seeds) {
    const hash = env.store.publish(s.obj);
    const entry = makeEntry(
      s.kind,
      s.ns,
      s.obj.metadata.name,
      s.obj.metadata.uid as string,
      hash,
      (events?.seq ?? 0) + 1,
    );
    events = appendEvent(events, "CREATE", entry);
    objects = objects.with(entry);
    kindSeq[s.kind] = entry.rv;
    effects.push({ op: "CREATE", entry });
  }
  return {
    objects,
    kindSeq,
    events,
    pending: triggeredBy(effects, env.reg, env.store),
    depth: 0,
    history: null,
    userIdx: 0,
    crashed: [],
    permuteTriggered: false,
    parent: null,
  };
}
