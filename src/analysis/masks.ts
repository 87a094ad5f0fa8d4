import { SIM_EPOCH_MS } from "../engine/embedded/step/sim-clock.ts";
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
  // Whole objects of these kinds (MASKED_KINDS): Events are a log of what happened, not state anyone acts on.
  events: [],
};

/** Named masks that drop every object of some kinds from terminal states. */
const MASKED_KINDS: Record<string, string[]> = {
  events: ["core/Event", "events.k8s.io/Event"],
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
  "events",
  "metadata.creationTimestamp",
  "metadata.selfLink",
];

export interface MaskSpec {
  /** The masks as given (for reports). */
  names: string[];
  paths: Segment[][];
  /**
   * Replace every RFC 3339 string by a constant (as kamera's ScrubTimes does), and every Unix time in seconds or
   * milliseconds since the simulated epoch (2024) — number or digit string — that a controller stamped.
   */
  timestamps: boolean;
  /** Sort lists whose order is meaningless: finalizers, ownerReferences, status.conditions (by type). */
  unorderedLists?: boolean;
  /** Kinds (`group/Kind`, core = `core`) whose objects are left out of terminal states altogether. */
  kinds?: string[];
}

/** Whether a terminal state's object of this kind takes part in comparisons under the mask. */
export const keepsKind = (m: MaskSpec | undefined, kind: string): boolean => !m?.kinds?.includes(kind);

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
  const kinds = [...new Set(names.flatMap((n) => MASKED_KINDS[n] ?? []))].sort();
  return {
    names,
    paths,
    timestamps: names.includes("timestamps"),
    unorderedLists: names.includes("unorderedLists"),
    ...(kinds.length ? { kinds } : {}),
  };
}

export const isEmptyMask = (m: MaskSpec): boolean =>
  m.paths.length === 0 && !m.timestamps && !m.unorderedLists && !m.kinds?.length;

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
/** Unix times a controller stamps (`time.Now().Unix()`, `Date.now()`), from the simulated epoch to 2100. */
const UNIX_FROM = SIM_EPOCH_MS / 1000;
const UNIX_TO = Date.UTC(2100, 0, 1) / 1000;
const isUnixTime = (n: number): boolean =>
  Number.isInteger(n) && ((n >= UNIX_FROM && n < UNIX_TO) || (n >= UNIX_FROM * 1000 && n < UNIX_TO * 1000));
const UNIX_DIGITS = /^(\d{10}|\d{13})$/;

function scrubTimes(v: unknown): unknown {
  if (typeof v === "string")
    return RFC3339.test(v) || (UNIX_DIGITS.test(v) && isUnixTime(Number(v))) ? "1970-01-01T00:00:00Z" : v;
  if (typeof v === "number") return isUnixTime(v) ? 0 : v;
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
