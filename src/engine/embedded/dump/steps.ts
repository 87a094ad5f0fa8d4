import diff from "microdiff";
import type { DumpStep, Effect } from "../../../formats/dump.ts";
import { derivedUuid, type History, type StepRecord, type VersionStore } from "../state/index.ts";
import {
  compositeKey,
  entryKey,
  kindSeqJson,
  objectVersions,
  pendingJson,
  versionHash,
} from "./json-parts.ts";
import { contentsHash } from "./spec-hashes.ts";

/** Collects every version hash a dump references, so `objects[]` resolves each exactly once. */
export type HashSink = (hash: string) => void;

/** Deterministic frame ids: a hash chain over the path (same prefix ⇒ same ids; no random UUIDs). */
export function frameIdOf(h: History, salt: string, memo: WeakMap<History, string>): string {
  const hit = memo.get(h);
  if (hit) return hit;
  const parent = h.prev ? frameIdOf(h.prev, salt, memo) : salt;
  const s = h.step;
  const id = derivedUuid(`${parent}|${h.length}|${s.controllerId}|${s.request.namespace}/${s.request.name}`);
  memo.set(h, id);
  return id;
}

function effectJson(s: StepRecord, sink: HashSink): Effect[] {
  return s.effects.map((e) => {
    sink(e.entry.hash);
    const out: Effect = { OpType: e.op, Key: entryKey(e.entry), Version: versionHash(e.entry.hash) };
    out.resourceVersion = e.entry.rv;
    if (e.subresource) out.subresource = e.subresource;
    const pre = e.precondition;
    out.Precondition = pre
      ? { ResourceVersion: pre.resourceVersion ?? null, UID: pre.uid ?? null, DryRun: false }
      : null;
    return out;
  });
}

function observationJson(s: StepRecord, sink: HashSink): Effect[] {
  return s.observations.map((o) => {
    const out: Effect = { OpType: o.op, Key: compositeKey(o.kind, o.namespace, o.name, o.entry?.objectId) };
    if (o.entry) {
      sink(o.entry.hash);
      out.Version = versionHash(o.entry.hash);
    }
    return out;
  });
}

/** kamera's deltas: for written keys the controller had read, a text diff of what it read vs what it wrote. */
function deltasJson(s: StepRecord, store: VersionStore) {
  const read = new Map(s.observations.filter((o) => o.entry).map((o) => [o.entry?.keyStr, o.entry?.hash]));
  const out: Array<{
    key: ReturnType<typeof entryKey>;
    hash: ReturnType<typeof versionHash>;
    value: string;
  }> = [];
  const seen = new Set<string>();
  for (const e of [...s.effects].reverse()) {
    const before = read.get(e.entry.keyStr);
    if (!before || seen.has(e.entry.keyStr) || e.op === "REMOVE") continue;
    seen.add(e.entry.keyStr);
    const lines = diff(store.resolve(before) as object, store.resolve(e.entry.hash) as object).map(
      (d) =>
        `${d.type} ${d.path.join(".")}: ${"oldValue" in d ? JSON.stringify(d.oldValue) : ""}${d.type === "CHANGE" ? " -> " : ""}${"value" in d ? JSON.stringify(d.value) : ""}`,
    );
    if (lines.length)
      out.push({ key: entryKey(e.entry), hash: versionHash(e.entry.hash), value: lines.join("\n") });
  }
  return out.reverse();
}

/** One step in kamera's emitted key order (formats §2.5). */
export function stepJson(h: History, frameId: string, store: VersionStore, sink: HashSink): DumpStep {
  const s = h.step;
  const written = new Map(s.effects.filter((e) => e.op !== "REMOVE").map((e) => [e.entry.keyStr, e.entry]));
  const before = objectVersions(s.before);
  const after = objectVersions(s.after);
  for (const v of before) sink(v.hash.Value);
  for (const v of after) sink(v.hash.Value);
  const out: DumpStep = {
    controllerId: s.controllerId,
    contentsHashAfter: contentsHash(s.after),
    frameId,
    frameType: "explore",
    changes: { objectVersions: null, effects: [] },
  };
  if (s.stepMetadata) out.stepMetadata = { ...s.stepMetadata };
  const changes: DumpStep["changes"] = {
    objectVersions: written.size
      ? [...written.values()]
          .sort((a, b) => (a.keyStr < b.keyStr ? -1 : 1))
          .map((e) => ({ key: entryKey(e), hash: versionHash(e.hash) }))
      : null,
    effects: effectJson(s, sink),
  };
  const obs = observationJson(s, sink);
  if (obs.length) changes.observations = obs;
  out.changes = changes;
  if (s.error !== undefined && s.error !== "") out.error = s.error;
  const deltas = deltasJson(s, store);
  if (deltas.length) out.deltas = deltas;
  if (before.length) out.stateBefore = before;
  if (after.length) out.stateAfter = after;
  if (Object.keys(s.kindSeqBefore).length) out.kindSeqBefore = kindSeqJson(s.kindSeqBefore);
  if (Object.keys(s.kindSeqAfter).length) out.kindSeqAfter = kindSeqJson(s.kindSeqAfter);
  if (s.pendingAfter.length) out.pendingReconciles = pendingJson(s.pendingAfter);
  if (s.stalenessInfo?.length) out.stalenessInfo = s.stalenessInfo.map((x) => ({ ...x }));
  return out;
}
