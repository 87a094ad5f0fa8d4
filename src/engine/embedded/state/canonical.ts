import { createHash } from "node:crypto";

/**
 * The content identity of an object version: sorted-key JSON with RFC 3339 timestamps scrubbed to the epoch
 * and `metadata.resourceVersion` left out (RV is API metadata, not content), hashed with SHA-256.
 */

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
export const SCRUBBED_TIME = "1970-01-01T00:00:00Z";

function isTimestamp(s: string): boolean {
  return s.length >= 20 && s.length <= 40 && RFC3339.test(s);
}

function write(v: unknown, skipRv: boolean, scrub = true): string {
  if (v === null || v === undefined) return "null";
  switch (typeof v) {
    case "string":
      return JSON.stringify(scrub && isTimestamp(v) ? SCRUBBED_TIME : v);
    case "number":
      return Number.isFinite(v) ? String(v) : "null";
    case "boolean":
      return v ? "true" : "false";
    case "object": {
      if (Array.isArray(v)) return `[${v.map((x) => write(x, false, scrub)).join(",")}]`;
      const o = v as Record<string, unknown>;
      const keys = Object.keys(o).sort();
      let out = "{";
      let first = true;
      for (const k of keys) {
        const x = o[k];
        if (x === undefined || (skipRv && k === "resourceVersion")) continue;
        out += `${first ? "" : ","}${JSON.stringify(k)}:${write(x, false, scrub)}`;
        first = false;
      }
      return `${out}}`;
    }
    default:
      return "null";
  }
}

/**
 * Two versions with the same content hash that still differ: only in timestamp values (a write that re-stamps a
 * time). The API server stores such a write as a change (new resourceVersion, a watch event).
 */
export function differsOnlyInTimestamps(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  return objectText(a, false) !== objectText(b, false);
}

/** Canonical text of an object: sorted keys, scrubbed timestamps, no metadata.resourceVersion. */
export function canonicalObjectText(obj: Record<string, unknown>): string {
  return objectText(obj, true);
}

function objectText(obj: Record<string, unknown>, scrub: boolean): string {
  const keys = Object.keys(obj).sort();
  let out = "{";
  let first = true;
  for (const k of keys) {
    const x = obj[k];
    if (x === undefined) continue;
    out += `${first ? "" : ","}${JSON.stringify(k)}:${write(x, k === "metadata", scrub)}`;
    first = false;
  }
  return `${out}}`;
}

/** SHA-256 hex of the canonical text: the VersionHash.Value of an object version. */
export function versionHashOf(obj: Record<string, unknown>): string {
  return createHash("sha256").update(canonicalObjectText(obj)).digest("hex");
}

/** Deep copy of plain JSON data (faster than structuredClone for small Kubernetes objects). */
export function cloneJson<T>(v: T): T {
  if (v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) return v.map(cloneJson) as T;
  const out: Record<string, unknown> = {};
  for (const k in v as Record<string, unknown>) {
    const x = (v as Record<string, unknown>)[k];
    if (x !== undefined) out[k] = cloneJson(x);
  }
  return out as T;
}

/** Freeze a JSON value recursively (stored versions are shared between branches and must never change). */
export function deepFreeze<T>(v: T): T {
  if (v !== null && typeof v === "object" && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v as object)) deepFreeze(x);
  }
  return v;
}

/** Structural equality of two JSON values (key order ignored). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => jsonEqual(x, bb[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const ak = Object.keys(ao).filter((k) => ao[k] !== undefined);
  const bk = Object.keys(bo).filter((k) => bo[k] !== undefined);
  return ak.length === bk.length && ak.every((k) => jsonEqual(ao[k], bo[k]));
}
