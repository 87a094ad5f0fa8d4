import { CtrlhuntError } from "../errors/index.ts";
import type { DumpObjectVersion } from "../formats/dump.ts";
import { keyKind, keyString } from "../formats/dump.ts";
import { stableStringify } from "../formats/json-text.ts";
import { parseJsonPath, type Segment, valuesAt } from "./json-path.ts";

/**
 * Outcome families (kamera-workflow §5 item 4): terminal states grouped by a projection — which objects exist
 * and chosen fields — instead of by full content hash ("XWidget hash + ConfigMap present/missing").
 */

export interface ProjectionSpec {
  /** Group by which objects exist; `kinds` restricts the objects considered (empty = all; from "all" or true). */
  exists?: { kinds: string[] };
  fields: Array<{ kind: string; path: Segment[]; text: string }>;
}

export interface Family {
  exists?: string[];
  /** `group/Kind/ns/name:path` → value (`"(absent)"` when the object exists but the field does not). */
  fields?: Record<string, unknown>;
}

export const ABSENT = "(absent)";

/** `Kind`, `group/Kind` and `core/Kind` all name a canonical kind. */
export function kindMatches(pattern: string, canonical: string): boolean {
  if (pattern === canonical) return true;
  if (!pattern.includes("/")) return canonical.slice(canonical.lastIndexOf("/") + 1) === pattern;
  return false;
}

export function parseProjection(opts: {
  exists?: boolean | string;
  fields?: ReadonlyArray<string>;
}): ProjectionSpec | undefined {
  const fields = (opts.fields ?? []).map((f) => {
    const i = f.indexOf(":");
    if (i <= 0 || i === f.length - 1)
      throw new CtrlhuntError("CTRLHUNT_USAGE", `bad --project-field "${f}": expected kind:path`, {
        issues: [{ path: f, message: 'expected kind:path, e.g. "kro.run/Application:status.state"' }],
      });
    return { kind: f.slice(0, i), path: parseJsonPath(f.slice(i + 1)), text: f };
  });
  if (opts.exists === undefined || opts.exists === false) return fields.length ? { fields } : undefined;
  const named = typeof opts.exists === "string" && opts.exists.trim() !== "all" ? opts.exists : "";
  const kinds = named
    .split(",")
    .map((k) => k.trim())
    .filter(Boolean);
  return { exists: { kinds }, fields };
}

/** Project one terminal state; `objectOf` resolves a version to its content (undefined if not in the dump). */
export function projectState(
  objects: ReadonlyArray<DumpObjectVersion>,
  spec: ProjectionSpec,
  objectOf: (ov: DumpObjectVersion) => unknown,
): { family: Family; signature: string } {
  const family: Family = {};
  if (spec.exists) {
    const kinds = spec.exists.kinds;
    family.exists = objects
      .filter((ov) => kinds.length === 0 || kinds.some((k) => kindMatches(k, keyKind(ov.key))))
      .map((ov) => keyString(ov.key))
      .sort();
  }
  if (spec.fields.length) {
    const fields: Record<string, unknown> = {};
    for (const f of spec.fields) {
      for (const ov of objects) {
        if (!kindMatches(f.kind, keyKind(ov.key))) continue;
        const values = valuesAt(objectOf(ov), f.path);
        const label = `${keyString(ov.key)}:${f.text.slice(f.kind.length + 1)}`;
        fields[label] = values.length === 0 ? ABSENT : f.path.includes("*") ? values : values[0];
      }
    }
    family.fields = fields;
  }
  return { family, signature: stableStringify(family) };
}

/** One-line label of a family for text output. */
export function familyLabel(f: Family): string {
  const parts: string[] = [];
  if (f.exists) parts.push(`exists: ${f.exists.length ? f.exists.join(", ") : "(none)"}`);
  if (f.fields) {
    const entries = Object.entries(f.fields);
    parts.push(
      entries.length
        ? entries.map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(", ")
        : "fields: (no matching objects)",
    );
  }
  return parts.join("; ");
}
