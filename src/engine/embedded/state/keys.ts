import type { KubeObj, Request } from "../api.ts";
import { lanes32 } from "./fnv.ts";

/**
 * Object identity: the canonical kind (`group/Kind`, `core` for the core group) plus namespace and name.
 * `keyStr` = `group/Kind/namespace/name` is the map key everywhere in the engine.
 */

/** Canonical kind of an object from its apiVersion and kind (`apps/v1` + `Deployment` → `apps/Deployment`). */
export function kindOfObject(obj: { apiVersion?: unknown; kind?: unknown }): string {
  const apiVersion = typeof obj.apiVersion === "string" ? obj.apiVersion : "";
  const slash = apiVersion.indexOf("/");
  const group = slash < 0 ? "" : apiVersion.slice(0, slash);
  return `${group === "" ? "core" : group}/${String(obj.kind ?? "")}`;
}

/** Split a canonical kind into its API group ("" for core) and Kind. */
export function splitKind(kind: string): { group: string; kindName: string } {
  const slash = kind.indexOf("/");
  const g = slash < 0 ? "" : kind.slice(0, slash);
  return { group: g === "core" ? "" : g, kindName: slash < 0 ? kind : kind.slice(slash + 1) };
}

export function keyStrOf(kind: string, namespace: string, name: string): string {
  return `${kind}/${namespace}/${name}`;
}

export function requestOf(obj: KubeObj): Request {
  return { namespace: obj.metadata?.namespace ?? "", name: obj.metadata?.name ?? "" };
}

/** One object in a state: identity, content hash, and the global sequence at which this version was written. */
export interface Entry {
  readonly kind: string;
  readonly keyStr: string;
  readonly namespace: string;
  readonly name: string;
  /** Deterministic UID (kamera's object id). */
  readonly objectId: string;
  /** SHA-256 of the canonical content (VersionHash.Value). */
  readonly hash: string;
  /** resourceVersion: global sequence of the write that produced this version in this branch. */
  readonly rv: number;
  /** Fingerprint lanes of `keyStr:objectId=hash`, summed into the state's contents fingerprint. */
  readonly l1: number;
  readonly l2: number;
}

export function makeEntry(
  kind: string,
  namespace: string,
  name: string,
  objectId: string,
  hash: string,
  rv: number,
): Entry {
  const keyStr = keyStrOf(kind, namespace, name);
  const [l1, l2] = lanes32(`${keyStr}:${objectId}=${hash}`);
  return { kind, keyStr, namespace, name, objectId, hash, rv, l1, l2 };
}

/** kamera's key order: group, kind, namespace, name, object id. */
export function compareEntries(a: Entry, b: Entry): number {
  const ka = splitKind(a.kind);
  const kb = splitKind(b.kind);
  return (
    cmp(ka.group, kb.group) ||
    cmp(ka.kindName, kb.kindName) ||
    cmp(a.namespace, b.namespace) ||
    cmp(a.name, b.name) ||
    cmp(a.objectId, b.objectId)
  );
}

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
