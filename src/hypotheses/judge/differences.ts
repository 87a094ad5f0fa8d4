import diff from "microdiff";
import { applyMask, keepsKind, type MaskSpec } from "../../analysis/index.ts";
import type { KubeObj } from "../../formats/kube-object.ts";
import type { ObjectRef, TerminalView } from "../../invariants/index.ts";

/**
 * What a divergent terminal state does differently from the expected one, after masks, by class: an object missing
 * or extra, or a field of its spec / status / data / metadata. A divergence names these; it is never "hashes differ".
 */
export type DifferenceClass =
  | "object-missing"
  | "object-extra"
  | "spec"
  | "status"
  | "data"
  | "metadata"
  | "other";

export interface Difference {
  object: ObjectRef;
  class: DifferenceClass;
  /** Dotted paths that differ (masked fields excluded); empty for missing/extra objects. */
  fields: string[];
}

const refText = (r: ObjectRef) => `${r.kind} ${r.namespace ? `${r.namespace}/` : ""}${r.name}`;
const keyOf = (r: ObjectRef) => `${r.kind}\u0000${r.namespace}\u0000${r.name}`;

function classOf(top: string): DifferenceClass {
  if (top === "spec" || top === "status" || top === "metadata") return top;
  if (top === "data" || top === "stringData" || top === "binaryData") return "data";
  return "other";
}

/** Differences of one masked object, grouped by top-level section. */
function fieldDifferences(ref: ObjectRef, a: KubeObj, b: KubeObj, mask: MaskSpec): Difference[] {
  const by = new Map<DifferenceClass, Set<string>>();
  for (const d of diff(
    applyMask(a, mask) as Record<string, unknown>,
    applyMask(b, mask) as Record<string, unknown>,
  )) {
    const cls = classOf(String(d.path[0] ?? ""));
    const set = by.get(cls) ?? new Set<string>();
    set.add(d.path.map(String).join("."));
    by.set(cls, set);
  }
  return [...by].map(([cls, fields]) => ({ object: ref, class: cls, fields: [...fields].sort() }));
}

/** Differences between the expected and a divergent terminal state, sorted by object then class. */
export function differencesBetween(
  expected: TerminalView,
  divergent: TerminalView,
  mask: MaskSpec,
): Difference[] {
  const kept = (v: TerminalView) => v.objects.filter((o) => keepsKind(mask, o.ref.kind));
  const want = new Map(kept(expected).map((o) => [keyOf(o.ref), o]));
  const got = new Map(kept(divergent).map((o) => [keyOf(o.ref), o]));
  const out: Difference[] = [];
  for (const [k, o] of want) {
    const other = got.get(k);
    if (!other) out.push({ object: o.ref, class: "object-missing", fields: [] });
    else out.push(...fieldDifferences(o.ref, o.object, other.object, mask));
  }
  for (const [k, o] of got) if (!want.has(k)) out.push({ object: o.ref, class: "object-extra", fields: [] });
  return out.sort((a, b) =>
    keyOf(a.object) < keyOf(b.object)
      ? -1
      : keyOf(a.object) > keyOf(b.object)
        ? 1
        : a.class < b.class
          ? -1
          : 1,
  );
}

const MAX_SHOWN = 6;

/** "core/Pod default/web is missing; apps/App default/web differs in status (status.ready)" */
export function describeDifferences(ds: readonly Difference[]): string {
  const text = ds.slice(0, MAX_SHOWN).map((d) => {
    if (d.class === "object-missing") return `${refText(d.object)} is missing`;
    if (d.class === "object-extra")
      return `${refText(d.object)} is extra (the expected outcome does not have it)`;
    const fields = d.fields.slice(0, 4).join(", ");
    return `${refText(d.object)} differs in ${d.class} (${fields}${d.fields.length > 4 ? ", …" : ""})`;
  });
  const more = ds.length > MAX_SHOWN ? ` (+${ds.length - MAX_SHOWN} more)` : "";
  return `${text.join("; ")}${more}`;
}
