/**
 * Dotted field paths of declarative invariants: `status.resources.nodes`, `spec.ports[0].port`,
 * `metadata.labels["app.kubernetes.io/name"]`. Reading only; an absent segment gives undefined.
 */

type Segment = string | number;

export function parsePath(path: string): Segment[] {
  const out: Segment[] = [];
  const re = /([^.[\]]+)|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]/g;
  for (const m of path.matchAll(re)) {
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) out.push(Number(m[2]));
    else out.push(JSON.parse(`"${m[3]}"`));
  }
  return out;
}

export function fieldAt(obj: unknown, path: string): unknown {
  let at: unknown = obj;
  for (const seg of parsePath(path)) {
    if (at === null || typeof at !== "object") return undefined;
    at = (at as Record<string | number, unknown>)[seg];
  }
  return at;
}

/** Segments back to a path string (keys that are not plain identifiers are quoted). */
export function formatPath(segments: readonly Segment[]): string {
  return segments
    .map((s, i) =>
      typeof s === "number"
        ? `[${s}]`
        : /^[A-Za-z_$][\w$-]*$/.test(s)
          ? `${i === 0 ? "" : "."}${s}`
          : `[${JSON.stringify(s)}]`,
    )
    .join("");
}

/** Numbers and numeric strings ("1", "2.5") as numbers; anything else undefined. */
export function numeric(v: unknown): number | undefined {
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "string" && /^-?\d+(\.\d+)?$/.test(v.trim())) return Number(v);
  return undefined;
}
