import { type Segment, deleteAt, parseJsonPath } from "./json-path.ts";

/**
 * Noise masks for terminal-state grouping: content hashes change for metadata-only reasons (resourceVersion
 * resequencing, generation, timestamps, managedFields), which Phase F agents had to discount by hand.
 */

export const NAMED_MASKS: Record<string, string[]> = {
  resourceVersion: ["metadata.resourceVersion"],
  generation: ["metadata.generation"],
  managedFields: ["metadata.managedFields"],
  uid: ["metadata.uid", "metadata.ownerReferences[*].uid"],
  timestamps: [],
};

/**
 * What the judge masks before comparing terminal states (`--mask default`): bookkeeping the API server or the
 * engine assigns — never a controller's decision. Two outcomes that differ only here are the same outcome.
 */
export const DEFAULT_MASK_NAMES: readonly string[] = [
  "resourceVersion",
  "generation",
  "managedFields",
  "uid",
  "timestamps",
  "metadata.creationTimestamp",
  "metadata.selfLink",
];

export interface MaskSpec {
  /** The masks as given (for reports). */
  names: string[];
  paths: Segment[][];
  /** Replace every RFC 3339 string by a constant (as kamera's ScrubTimes does). */
  timestamps: boolean;
}

export function parseMasks(items: ReadonlyArray<string>): MaskSpec {
  const names = items
    .flatMap((i) => i.split(","))
    .map((s) => s.trim())
    .filter((s) => s !== "")
    .flatMap((s) => (s === "default" ? DEFAULT_MASK_NAMES : [s]));
  const paths: Segment[][] = [];
  for (const n of names) {
    const named = NAMED_MASKS[n];
    if (named) paths.push(...named.map(parseJsonPath));
    else paths.push(parseJsonPath(n));
  }
  return { names, paths, timestamps: names.includes("timestamps") };
}

export const isEmptyMask = (m: MaskSpec): boolean => m.paths.length === 0 && !m.timestamps;

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function scrubTimes(v: unknown): unknown {
  if (typeof v === "string") return RFC3339.test(v) ? "1970-01-01T00:00:00Z" : v;
  if (Array.isArray(v)) return v.map(scrubTimes);
  if (v !== null && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = scrubTimes(x);
    return out;
  }
  return v;
}

/** A masked deep copy of an object. */
export function applyMask(obj: unknown, mask: MaskSpec): unknown {
  const copy = mask.timestamps ? scrubTimes(obj) : structuredClone(obj);
  for (const p of mask.paths) deleteAt(copy, p);
  return copy;
}
