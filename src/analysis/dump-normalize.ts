/**
 * kamera's casing variants → the canonical dump spelling of src/formats/dump.ts. Go's JSON decoder matches keys
 * case-insensitively, so real dumps carry `opType`/`OpType`, `key`/`Key`, `KindSeqBefore`, `ObjectID`, … ; we do
 * the same per known structure, then turn nulls into empty collections so consumers never branch on them.
 */

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);

/** Canonical key names per structure; aliases are found by lower-case spelling. */
interface Names {
  canonical: Set<string>;
  byLower: Map<string, string>;
}

function table(names: string[]): Names {
  return { canonical: new Set(names), byLower: new Map(names.map((n) => [n.toLowerCase(), n])) };
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

/**
 * Rename keys of `o` to their canonical spelling, in place (the document is freshly parsed and ours); unknown keys
 * stay. Canonically spelled keys win over their aliases when a document carries both.
 */
function canon(o: unknown, names: Names): Obj | undefined {
  if (!isObj(o)) return undefined;
  for (const k of Object.keys(o)) {
    if (names.canonical.has(k)) continue;
    const c = names.byLower.get(k.toLowerCase());
    if (c === undefined) continue;
    if (!(c in o)) o[c] = o[k];
    delete o[k];
  }
  return o;
}

/** Replace each element of an array in place; null/missing becomes []. */
function eachIn(v: unknown, f: (x: unknown) => unknown): unknown[] {
  if (!Array.isArray(v)) return [];
  for (let i = 0; i < v.length; i++) v[i] = f(v[i]);
  return v;
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
      k.resourceGroup = apiVersion.includes("/") ? apiVersion.slice(0, apiVersion.indexOf("/")) : "";
      k.resourceKind = obj.kind;
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
  ov.key = key(ov.key, hashValueOf(ov.hash), lookup);
  ov.hash = version(ov.hash);
  return ov;
}

function effect(v: unknown, lookup: ObjectLookup): unknown {
  const e = canon(v, EFFECT);
  if (e === undefined) return v;
  e.Key = key(e.Key, hashValueOf(e.Version), lookup);
  if (e.Version == null) delete e.Version;
  else e.Version = version(e.Version);
  return e;
}

/** Optional fields may be null in some writers: drop them so the schema sees "absent". */
function dropNulls(o: Obj, fields: ReadonlyArray<string>): void {
  for (const f of fields) if (o[f] === null) delete o[f];
}

function step(v: unknown, lookup: ObjectLookup): unknown {
  const s = canon(v, STEP);
  if (s === undefined) return v;
  const changes = canon(s.changes, CHANGES) ?? {};
  s.changes = changes;
  changes.objectVersions = eachIn(changes.objectVersions, (x) => objectVersion(x, lookup));
  changes.effects = eachIn(changes.effects, (x) => effect(x, lookup));
  if (changes.observations == null) delete changes.observations;
  else eachIn(changes.observations, (x) => effect(x, lookup));
  dropNulls(s, [
    "stateBefore",
    "stateAfter",
    "kindSeqBefore",
    "kindSeqAfter",
    "stepMetadata",
    "deltas",
    "error",
    "contentsHashAfter",
    "pendingReconciles",
    "stalenessInfo",
  ]);
  for (const f of ["stateBefore", "stateAfter"] as const)
    if (s[f] !== undefined) eachIn(s[f], (x) => objectVersion(x, lookup));
  if (s.pendingReconciles !== undefined) eachIn(s.pendingReconciles, (x) => canon(x, PENDING) ?? x);
  if (s.stalenessInfo !== undefined) eachIn(s.stalenessInfo, (x) => canon(x, STALE) ?? x);
  return s;
}

function resultState(v: unknown, lookup: ObjectLookup): unknown {
  const st = canon(v, STATE);
  if (st === undefined) return v;
  const wrap = canon(st.state, STATE_WRAP) ?? {};
  const snap = canon(wrap.contents, SNAPSHOT) ?? {};
  st.state = wrap;
  wrap.contents = snap;
  snap.objects = eachIn(snap.objects, (x) => objectVersion(x, lookup));
  if (!isObj(snap.kindSequences)) snap.kindSequences = {};
  if (snap.pendingReconciles == null) delete snap.pendingReconciles;
  else eachIn(snap.pendingReconciles, (x) => canon(x, PENDING) ?? x);
  st.paths = eachIn(st.paths, (p) => eachIn(p, (x) => step(x, lookup)));
  dropNulls(st, ["error"]);
  return st;
}

/**
 * Canonical spelling of a freshly parsed dump document, rewritten in place (no copies: dumps are large). No
 * validation here: the zod schema does that next.
 */
export function normalizeDump(raw: unknown): unknown {
  const d = canon(raw, DUMP);
  if (d === undefined) return raw;
  const objects = eachIn(d.objects, (x) => {
    const o = canon(x, DUMP_OBJECT);
    if (o !== undefined) o.hash = version(o.hash);
    return o ?? x;
  });
  d.objects = objects;
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
  d.states = eachIn(d.states, (x) => resultState(x, lookup));
  const ctx = canon(d.context, CONTEXT);
  if (ctx !== undefined) canon(ctx.scenario, SCENARIO);
  canon(d.campaignMetrics, METRICS);
  dropNulls(d, ["context", "campaignMetrics", "stats"]);
  return d;
}
