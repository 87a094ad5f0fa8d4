/**
 * Canonical kind strings: `<group>/<Kind>` with no version, `core/<Kind>` for the core group (kamera-formats §1.5).
 * Tuning that names a kind any other way silently never matches, so a checker must say what the string should be.
 */

const VERSION = /^v\d+((alpha|beta)\d+)?$/;

/** Groups of the built-in kinds scenario authors name most often. */
const BUILTIN_GROUPS: Record<string, string> = {
  Pod: "core",
  Service: "core",
  ConfigMap: "core",
  Secret: "core",
  Node: "core",
  Namespace: "core",
  ServiceAccount: "core",
  Event: "core",
  Endpoints: "core",
  PersistentVolume: "core",
  PersistentVolumeClaim: "core",
  Deployment: "apps",
  StatefulSet: "apps",
  DaemonSet: "apps",
  ReplicaSet: "apps",
  Job: "batch",
  CronJob: "batch",
  Ingress: "networking.k8s.io",
  CustomResourceDefinition: "apiextensions.k8s.io",
  Lease: "coordination.k8s.io",
  PodDisruptionBudget: "policy",
};

export function isVersionSegment(s: string): boolean {
  return VERSION.test(s);
}

/** `("apps/v1", "Deployment")` → `apps/Deployment`; `("v1", "Pod")` → `core/Pod`. */
export function canonicalKindOf(apiVersion: string, kind: string): string {
  const slash = apiVersion.indexOf("/");
  const group = slash < 0 ? "" : apiVersion.slice(0, slash);
  return `${group === "" ? "core" : group}/${kind}`;
}

/** Kind → group as seen in a scenario's objects (and any other known canonical kinds). */
export function kindGroups(objects: Iterable<{ apiVersion?: unknown; kind?: unknown }>): Map<string, string> {
  const out = new Map<string, string>();
  for (const o of objects) {
    if (typeof o.apiVersion !== "string" || typeof o.kind !== "string") continue;
    const canonical = canonicalKindOf(o.apiVersion, o.kind);
    out.set(o.kind, canonical.slice(0, canonical.lastIndexOf("/")));
  }
  return out;
}

/** `problem` completes the sentence "the kind string …". */
export type KindCheck = { ok: true } | { ok: false; problem: string; suggestion?: string };

function withGroup(
  kind: string,
  known: ReadonlyMap<string, string>,
  fallbackGroup?: string,
): string | undefined {
  const group = known.get(kind) ?? BUILTIN_GROUPS[kind] ?? fallbackGroup;
  return group === undefined ? undefined : `${group}/${kind}`;
}

/** Is `kind` canonical? If not: what is wrong and, when it can be known, the canonical spelling. */
export function checkCanonicalKind(kind: string, known: ReadonlyMap<string, string> = new Map()): KindCheck {
  if (kind !== kind.trim()) {
    const inner = checkCanonicalKind(kind.trim(), known);
    return {
      ok: false,
      problem: "has surrounding spaces",
      suggestion: inner.ok ? kind.trim() : inner.suggestion,
    };
  }
  const parts = kind.split("/");
  if (parts.some((p) => p === "") && !(parts.length === 2 && parts[0] === "")) {
    return { ok: false, problem: 'is not of the form "group/Kind"' };
  }
  if (parts.length === 1) {
    const suggestion = withGroup(kind, known);
    return { ok: false, problem: "has no group (core kinds use core/<Kind>)", suggestion };
  }
  if (parts.length === 3 && isVersionSegment(parts[1] as string)) {
    const [group, , k] = parts as [string, string, string];
    return { ok: false, problem: "contains a version", suggestion: `${group}/${k}` };
  }
  if (parts.length !== 2) return { ok: false, problem: 'has more than one "/" (expected "group/Kind")' };
  const [group, k] = parts as [string, string];
  if (isVersionSegment(k)) return { ok: false, problem: "ends in a version, not a Kind" };
  if (group === "" || isVersionSegment(group)) {
    return {
      ok: false,
      problem: group === "" ? "has an empty group" : "has a version where the group belongs",
      suggestion: withGroup(k, known, "core"),
    };
  }
  if (!/^[A-Z]/.test(k)) {
    const capital = `${k[0]?.toUpperCase() ?? ""}${k.slice(1)}`;
    return {
      ok: false,
      problem: "has a Kind that does not start with an upper-case letter",
      suggestion: `${group}/${capital}`,
    };
  }
  return { ok: true };
}
