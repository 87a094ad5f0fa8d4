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
  // Mirrors of generation (which is masked): one ordering creating an object final, another creating then updating
  // it, bumps both without any different decision.
  observedGeneration: ["status.observedGeneration", "status.conditions[*].observedGeneration"],
  // Lists whose order carries no meaning (who added a finalizer first, which condition was set first).
  unorderedLists: [],
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
  "observedGeneration",
  "unorderedLists",
  "metadata.creationTimestamp",
  "metadata.selfLink",
];

export interface MaskSpec {
  /** The masks as given (for reports). */
  names: string[];
  paths: Segment[][];
  /** Replace every RFC 3339 string by a constant (as kamera's ScrubTimes does). */
  timestamps: boolean;
  /** Sort lists whose order is meaningless: finalizers, ownerReferences, status.conditions (by type). */
  unorderedLists?: boolean;
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
  return {
    names,
    paths,
    timestamps: names.includes("timestamps"),
    unorderedLists: names.includes("unorderedLists"),
  };
}

export const isEmptyMask = (m: MaskSpec): boolean =>
  m.paths.length === 0 && !m.timestamps && !m.unorderedLists;

const keyOf = (x: unknown): string => {
  if (x !== null && typeof x === "object") {
    const o = x as Record<string, unknown>;
    return String(o.type ?? o.uid ?? o.name ?? JSON.stringify(o));
  }
  return String(x);
};
const sortedBy = (xs: unknown[]) =>
  [...xs].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));

/** Put set-like lists in a canonical order (in place, on a copy). */
function sortUnordered(obj: unknown): void {
  if (obj === null || typeof obj !== "object") return;
  const o = obj as { metadata?: Record<string, unknown>; status?: Record<string, unknown> };
  for (const [holder, key] of [
    [o.metadata, "finalizers"],
    [o.metadata, "ownerReferences"],
    [o.status, "conditions"],
  ] as const) {
    const list = holder?.[key];
    if (holder && Array.isArray(list)) holder[key] = sortedBy(list);
  }
}

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
  if (mask.unorderedLists) sortUnordered(copy);
  for (const p of mask.paths) deleteAt(copy, p);
  return copy;
}
