import type { KubeObj } from "../api.ts";
import { cloneJson, jsonEqual } from "../state/index.ts";

/**
 * API-server rules for the content a write produces (engine spec §3.5): server-owned metadata survives,
 * generation bumps on spec change, status writes replace only `.status`, patches are JSON merge patches on the
 * live object. Pure functions over plain JSON.
 */

type Obj = Record<string, unknown> & { metadata?: Record<string, unknown> };

const SERVER_FIELDS = ["uid", "creationTimestamp", "deletionTimestamp"] as const;

function meta(o: Obj): Record<string, unknown> {
  o.metadata ??= {};
  return o.metadata;
}

/** kamera's CheckSpecChanged: neither has a spec = unchanged; one has = changed; else compare JSON. */
export function specChanged(a: Readonly<Obj>, b: Readonly<Obj>): boolean {
  const ha = a.spec !== undefined;
  const hb = b.spec !== undefined;
  if (!ha && !hb) return false;
  if (ha !== hb) return true;
  return !jsonEqual(a.spec, b.spec);
}

/** The server keeps its own metadata (uid, timestamps), drops the RV, and bumps generation on a spec change. */
function keepServerFields(old: Readonly<Obj>, next: Obj): Obj {
  const m = meta(next);
  const om = (old.metadata ?? {}) as Record<string, unknown>;
  delete m.resourceVersion;
  for (const f of SERVER_FIELDS) {
    if (om[f] !== undefined) m[f] = cloneJson(om[f]);
    else delete m[f];
  }
  const oldGen = typeof om.generation === "number" ? om.generation : 0;
  m.generation = specChanged(old, next) ? oldGen + 1 : oldGen === 0 ? 1 : oldGen;
  return next;
}

/** Content of a full-object write (update / apply) over the stored version `old`. */
export function fullWriteContent(old: Readonly<Obj>, written: KubeObj): Obj {
  const next = cloneJson(written) as Obj;
  // A body without status leaves the stored status alone (the main resource does not own status).
  if (!("status" in next) && old.status !== undefined) next.status = cloneJson(old.status);
  return keepServerFields(old, next);
}

/**
 * RFC 7386 JSON merge patch (https://www.rfc-editor.org/rfc/rfc7386): objects merge key by key, `null` deletes
 * a key, anything else — arrays included — replaces the target value whole. Returns a new value.
 */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (patch === null || typeof patch !== "object" || Array.isArray(patch)) return cloneJson(patch);
  const out: Record<string, unknown> =
    target !== null && typeof target === "object" && !Array.isArray(target)
      ? { ...(target as Record<string, unknown>) }
      : {};
  for (const [k, v] of Object.entries(patch as Record<string, unknown>)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

/**
 * Content of `patch` on the main resource (application/merge-patch+json,
 * https://kubernetes.io/docs/reference/using-api/api-concepts/#patch-and-apply): the body merged into the live
 * object. It never touches `.status` (the status subresource owns it) nor server-owned metadata.
 */
export function patchContent(old: Readonly<Obj>, body: KubeObj): Obj {
  const { status: _status, ...rest } = body as Obj;
  if (rest.metadata === null) delete rest.metadata; // metadata cannot be deleted
  const next = mergePatch(cloneJson(old), rest) as Obj;
  if (old.status === undefined) delete next.status;
  else next.status = cloneJson(old.status);
  return keepServerFields(old, next);
}

/** Content of `patchStatus`: only the body's `.status` is merged into the live status; nothing else changes. */
export function statusPatchContent(old: Readonly<Obj>, body: KubeObj): Obj {
  const next = cloneJson(old) as Obj;
  if (!("status" in body)) return next;
  const status = mergePatch(cloneJson(old.status), body.status);
  if (status === null) delete next.status;
  else next.status = status;
  return next;
}

/**
 * An apply that changes nothing is dropped (newest manager, spec §3.2). "Nothing" covers every top-level field, not
 * only spec: a ConfigMap's `data` or a Secret's `stringData` change is a change.
 */
export function applyIsNoOp(old: Readonly<Obj>, next: Readonly<Obj>): boolean {
  const keys = new Set([...Object.keys(old), ...Object.keys(next)]);
  return [...keys].every((k) =>
    jsonEqual((old as Record<string, unknown>)[k], (next as Record<string, unknown>)[k]),
  );
}

/** Content of a status write: the stored object with only `.status` replaced (deleted when absent). */
export function statusWriteContent(old: Readonly<Obj>, written: KubeObj): Obj {
  const next = cloneJson(old) as Obj;
  if (written.status === undefined) delete next.status;
  else next.status = cloneJson(written.status);
  return next;
}

/** Content of a create: server fields set (uid, generation 1, creationTimestamp), RV removed. */
export function createContent(written: KubeObj, uid: string, now: string): Obj {
  const next = cloneJson(written) as Obj;
  const m = meta(next);
  delete m.resourceVersion;
  delete m.deletionTimestamp;
  m.uid = uid;
  m.generation = 1;
  m.creationTimestamp ??= now;
  return next;
}

/** Content of a delete: the live version with deletionTimestamp set. */
export function markedContent(old: Readonly<Obj>, now: string): Obj {
  const next = cloneJson(old) as Obj;
  meta(next).deletionTimestamp = now;
  return next;
}

export function isMarked(o: Readonly<Obj>): boolean {
  return typeof o.metadata?.deletionTimestamp === "string" && o.metadata.deletionTimestamp !== "";
}

export function finalizersOf(o: Readonly<Obj>): readonly string[] {
  const f = o.metadata?.finalizers;
  return Array.isArray(f) ? (f as string[]) : [];
}
