import { createHash } from "node:crypto";
import { stableStringify } from "../formats/json-text.ts";
import type { CompositeKey, DumpObjectVersion } from "../formats/dump.ts";

/**
 * kamera's hash family (formats §2.6), reproduced so ctrlhunt can group terminal states exactly as kamera does
 * when a dump lacks `contentsHashAfter`, and so a masked hash has the same shape as the real one.
 */

const FNV_OFFSET_HI = 0xcbf29ce4;
const FNV_OFFSET_LO = 0x84222325;

/** FNV-1a 64-bit over the UTF-8 bytes, formatted base-36, first 8 characters (kamera's ShortenHash). */
export function shortenHash(input: string): string {
  let hi = FNV_OFFSET_HI;
  let lo = FNV_OFFSET_LO;
  const bytes = Buffer.from(input, "utf8");
  for (let i = 0; i < bytes.length; i++) {
    lo = (lo ^ bytes[i]) >>> 0;
    // (hi:lo) × 0x100000001b3 mod 2^64, split in 32-bit halves; every product stays below 2^53.
    const loProduct = lo * 0x1b3;
    const carry = Math.floor(loProduct / 0x100000000);
    hi = (hi * 0x1b3 + lo * 0x100 + carry) >>> 0;
    lo = loProduct >>> 0;
  }
  const value = (BigInt(hi) << 32n) | BigInt(lo);
  return value.toString(36).slice(0, 8);
}

function compareKeys(a: CompositeKey, b: CompositeKey): number {
  const fields = ["resourceGroup", "resourceKind", "namespace", "name", "objectId"] as const;
  for (const f of fields) {
    const x = a[f] ?? "";
    const y = b[f] ?? "";
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** `<group or core>/<Kind>/<ns>/<name>:<objectId>` — the key part of the ContentsHash serialisation. */
export function contentsKeyString(key: CompositeKey): string {
  const group = key.resourceGroup ?? key.identityGroup ?? "";
  const kind = key.resourceKind ?? key.identityKind ?? "";
  return `${group === "" ? "core" : group}/${kind}/${key.namespace ?? ""}/${key.name ?? ""}:${key.objectId ?? ""}`;
}

/**
 * ContentsHash of an object set (objects only, pending ignored). `versionOf` lets callers substitute a masked
 * version hash for each object.
 */
export function contentsHash(
  objects: ReadonlyArray<DumpObjectVersion>,
  versionOf: (ov: DumpObjectVersion) => string = (ov) => ov.hash.Value,
): string {
  const sorted = [...objects].sort((a, b) => compareKeys(a.key, b.key));
  let text = "";
  for (const ov of sorted) text += `${contentsKeyString(ov.key)}=${versionOf(ov)};`;
  return shortenHash(text);
}

/** Content hash of one object version (SHA-256 over sorted-key JSON), used for masked objects. */
export function objectHash(obj: unknown): string {
  return createHash("sha256").update(stableStringify(obj)).digest("hex");
}
