import type { KindRole, SurfaceController, SurfaceKind } from "../../formats/surface-map.ts";

const BUILTIN_GROUPS = new Set(["core", "apps", "batch", "autoscaling", "policy"]);

export function isBuiltinGroup(kind: string): boolean {
  const group = kind.slice(0, kind.indexOf("/"));
  return BUILTIN_GROUPS.has(group) || (group.endsWith(".k8s.io") && !group.includes("x-k8s"));
}

/** Every kind a controller touches (triggers, reads, writes), sorted. */
export function kindsOf(controllers: SurfaceController[]): string[] {
  const all = new Set<string>();
  for (const c of controllers) {
    if (c.for) all.add(c.for);
    c.owns.forEach((k) => {
      all.add(k);
    });
    c.watches.forEach((w) => {
      all.add(w.kind);
    });
    c.reads.forEach((r) => {
      all.add(r.kind);
    });
    c.writes.forEach((w) => {
      all.add(w.kind);
    });
  }
  return [...all].sort();
}

/**
 * Roles (workflow Phase A): user-facing = a controller's primary kind that no controller creates or applies (the top-level
 * input a user submits); builtin = a Kubernetes API group; supporting = everything else (harness or support
 * objects, children, and inputs only read).
 */
export function roleOf(kind: string, controllers: SurfaceController[]): KindRole {
  const primary = controllers.some((c) => c.for === kind);
  // APPLY creates when absent (server-side apply / CreateOrUpdate), so an applied kind is a child, not an input.
  const created = controllers.some((c) =>
    c.writes.some((w) => w.kind === kind && (w.op === "CREATE" || w.op === "APPLY")),
  );
  if (primary && !created) return "user-facing";
  return isBuiltinGroup(kind) ? "builtin" : "supporting";
}

export function kindTable(controllers: SurfaceController[], gvks: Record<string, string>): SurfaceKind[] {
  return kindsOf(controllers).map((kind) => ({
    kind,
    role: roleOf(kind, controllers),
    ...(gvks[kind] ? { gvk: gvks[kind] } : {}),
  }));
}

/** Kinds whose change enqueues the controller. */
export function triggerKinds(c: SurfaceController): Set<string> {
  return new Set([...(c.for ? [c.for] : []), ...c.owns, ...c.watches.map((w) => w.kind)]);
}
