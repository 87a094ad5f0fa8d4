import { createHash } from "node:crypto";

/**
 * Deterministic UIDs (kamera's object ids): derived from the resource key and how many times that key was
 * removed before on the branch, so the same object gets the same UID on every branch and re-creation differs.
 */
export function deterministicUid(keyStr: string, incarnation: number): string {
  const h = createHash("sha256").update(`${keyStr}#${incarnation}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A UUID-shaped id derived from arbitrary text (frame ids, invocation ids). */
export function derivedUuid(text: string): string {
  const h = createHash("sha256").update(text).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
