/**
 * kamera's casing variants → the canonical dump spelling of src/formats/dump.ts. Go's JSON decoder matches keys
 * case-insensitively, so real dumps carry `opType`/`OpType`, `key`/`Key`, `KindSeqBefore`, `ObjectID`, … ; we do
 * the same per known structure, then turn nulls into empty collections so consumers never branch on them.
 */

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);

/** Canonical key names per structure; lookup is by lower-case spelling. */
function table(names: string[]): Map<string, string> {
  return new Map(names.map((n) => [n.toLowerCase(), n]));
}

const DUMP = table(["context", "stats", "campaignMetrics", "objects", "states"]);
const CONTEXT = table(["scenario"]);
const SCENARIO = table(["name", "runIndex", "workflow", "inputRef", "attributes"]);
const METRICS = table(["uniqueNodeVisits", "totalNodeVisits", "uniqueResourceStates", "durationNs"]);
const DUMP_OBJECT = table(["hash", "object"]);
const VERSION = table(["Value", "Strategy"]);
const OBJECT_VERSION = table(["key", "hash"]);
const KEY = table([
  "identityGroup",
  "identityKind",
  "objectId",
  "resourceGroup",
  "resourceKind",
  "namespace",
  "name",
]);
const STATE = table(["id", "error", "divergencePoint", "state", "paths", "failedReconcile", "reason"]);
const STATE_WRAP = table(["contents"]);
const SNAPSHOT = table(["objects", "kindSequences", "pendingReconciles"]);
const STEP = table([
  "controllerId",
  "contentsHashAfter",
  "frameId",
  "frameType",
  "stepMetadata",
  "changes",
  "error",
  "deltas",
  "stateBefore",
  "stateAfter",
  "kindSeqBefore",
  "kindSeqAfter",
  "pendingReconciles",
  "stalenessInfo",
]);
const CHANGES = table(["objectVersions", "effects", "observations"]);
const EFFECT = table([
  "OpType",
  "Key",
  "Version",
  "resourceVersion",
  "subresource",
  "materialized",
  "Precondition",
]);
const PENDING = table(["reconcilerId", "namespace", "name", "source"]);
const STALE = table(["Key", "ObservedRV", "CurrentRV", "Lag"]);

/** Rename keys of `o` to their canonical spelling (in place order preserved); unknown keys stay. */
function canon(o: unknown, names: Map<string, string>): Obj | undefined {
  if (!isObj(o)) return undefined;
  let needs = false;
  for (const k in o) {
    const c = names.get(k.toLowerCase());
    if (c !== undefined && c !== k) {
      needs = true;
      break;
    }
  }
  if (!needs) return o;
  // Canonically spelled keys win over their aliases when a document carries both.
  const out: Obj = {};
  for (const k in o) if ((names.get(k.toLowerCase()) ?? k) === k) out[k] = o[k];
  for (const k in o) {
    const c = names.get(k.toLowerCase());
    if (c !== undefined && c !== k && !(c in out)) out[c] = o[k];
  }
  return out;
}

function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

function mapList(v: unknown, f: (x: unknown) => unknown): unknown[] {
  return list(v).map(f);
}

/** Resolves a version hash to the full object, for legacy keys that lost their kind. */
type ObjectLookup = (hashValue: string) => Obj | undefined;

function version(v: unknown): unknown {
  if (typeof v === "string") return { Value: v, Strategy: "default" };
  return canon(v, VERSION) ?? v;
}

/** Legacy `{ObjectID, Namespace, Name}` keys carry no kind: re-derive it from the referenced object. */
function key(v: unknown, hashValue: string | undefined, lookup: ObjectLookup): unknown {
  const k = canon(v, KEY);
  if (k === undefined) return v;
  if (k.resourceKind === undefined && k.identityKind === undefined && hashValue !== undefined) {
    const obj = lookup(hashValue);
    if (obj && typeof obj.kind === "string") {
      const apiVersion = typeof obj.apiVersion === "string" ? obj.apiVersion : "";
      const group = apiVersion.includes("/") ? apiVersion.slice(0, apiVersion.indexOf("/")) : "";
      return { ...k, resourceGroup: group, resourceKind: obj.kind };
    }
  }
  return k;
}

function hashValueOf(v: unknown): string | undefined {
  if (typeof v === "string") return v;
  const h = canon(v, VERSION);
  return typeof h?.Value === "string" ? h.Value : undefined;
}

function objectVersion(v: unknown, lookup: ObjectLookup): unknown {
  const ov = canon(v, OBJECT_VERSION);
  if (ov === undefined) return v;
  return { ...ov, key: key(ov.key, hashValueOf(ov.hash), lookup), hash: version(ov.hash) };
}

function effect(v: unknown, lookup: ObjectLookup): unknown {
  const e = canon(v, EFFECT);
  if (e === undefined) return v;
  const out: Obj = { ...e, Key: key(e.Key, hashValueOf(e.Version), lookup) };
  if (e.Version !== undefined && e.Version !== null) out.Version = version(e.Version);
  else delete out.Version;
  return out;
}

function step(v: unknown, lookup: ObjectLookup): unknown {
  const s = canon(v, STEP);
  if (s === undefined) return v;
  const changes = canon(s.changes, CHANGES) ?? {};
  const out: Obj = {
    ...s,
    changes: {
      ...changes,
      objectVersions: mapList(changes.objectVersions, (x) => objectVersion(x, lookup)),
      effects: mapList(changes.effects, (x) => effect(x, lookup)),
      ...(changes.observations == null
        ? {}
        : { observations: mapList(changes.observations, (x) => effect(x, lookup)) }),
    },
  };
  for (const f of ["stateBefore", "stateAfter"] as const) {
    if (s[f] == null) delete out[f];
    else out[f] = mapList(s[f], (x) => objectVersion(x, lookup));
  }
  for (const f of ["kindSeqBefore", "kindSeqAfter", "stepMetadata", "deltas", "error", "contentsHashAfter"]) {
    if (s[f] === null) delete out[f];
  }
  if (s.pendingReconciles == null) delete out.pendingReconciles;
  else out.pendingReconciles = mapList(s.pendingReconciles, (x) => canon(x, PENDING) ?? x);
  if (s.stalenessInfo == null) delete out.stalenessInfo;
  else out.stalenessInfo = mapList(s.stalenessInfo, (x) => canon(x, STALE) ?? x);
  return out;
}

function resultState(v: unknown, lookup: ObjectLookup): unknown {
  const st = canon(v, STATE);
  if (st === undefined) return v;
  const wrap = canon(st.state, STATE_WRAP) ?? {};
  const snap = canon(wrap.contents, SNAPSHOT) ?? {};
  const contents: Obj = {
    ...snap,
    objects: mapList(snap.objects, (x) => objectVersion(x, lookup)),
    kindSequences: isObj(snap.kindSequences) ? snap.kindSequences : {},
  };
  if (snap.pendingReconciles == null) delete contents.pendingReconciles;
  else contents.pendingReconciles = mapList(snap.pendingReconciles, (x) => canon(x, PENDING) ?? x);
  const out: Obj = {
    ...st,
    state: { ...wrap, contents },
    paths: mapList(st.paths, (p) => mapList(p, (x) => step(x, lookup))),
  };
  if (st.error === null) delete out.error;
  return out;
}

/** Canonical spelling of a parsed dump document (no validation: the zod schema does that next). */
export function normalizeDump(raw: unknown): unknown {
  const d = canon(raw, DUMP);
  if (d === undefined) return raw;
  const objects = mapList(d.objects, (x) => {
    const o = canon(x, DUMP_OBJECT);
    return o === undefined ? x : { ...o, hash: version(o.hash) };
  });
  let index: Map<string, Obj> | undefined;
  const lookup: ObjectLookup = (h) => {
    index ??= new Map(
      objects.filter(isObj).flatMap((o) => {
        const v = hashValueOf(o.hash);
        return v !== undefined && isObj(o.object) ? [[v, o.object] as const] : [];
      }),
    );
    return index.get(h);
  };
  const out: Obj = { ...d, objects, states: mapList(d.states, (x) => resultState(x, lookup)) };
  const ctx = canon(d.context, CONTEXT);
  if (ctx !== undefined) {
    const scenario = canon(ctx.scenario, SCENARIO);
    out.context = scenario === undefined ? ctx : { ...ctx, scenario };
  } else if (d.context === null) delete out.context;
  if (d.campaignMetrics === null) delete out.campaignMetrics;
  else if (d.campaignMetrics !== undefined) out.campaignMetrics = canon(d.campaignMetrics, METRICS);
  if (d.stats === null) delete out.stats;
  return out;
}
