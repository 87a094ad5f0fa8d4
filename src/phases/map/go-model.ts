import type {
  SharedState,
  SurfaceController,
  SurfaceIssue,
  SurfaceRead,
  SurfaceWrite,
} from "../../formats/surface-map.ts";
import type { GoAccess, GoController, GoSurfaceOutput } from "./go-output.ts";

/** Go facts → surface-map controllers, shared state and issues (pure). */
export interface ControllerModel {
  controllers: SurfaceController[];
  sharedState: SharedState[];
  issues: SurfaceIssue[];
  /** canonical kind → group/version/Kind, where known */
  gvks: Record<string, string>;
}

// Fields every reconciler carries; sharing them is wiring, not shared state. Standard containers (sync.Map, a
// mutex) are matched by type only, which says nothing about two reconcilers holding the same one.
const INFRA_TYPE =
  /controller-runtime\/pkg\/client\.|runtime\.Scheme$|record\.EventRecorder$|logr\.Logger$|rest\.Config$|kubernetes\.Interface$|dynamic\.Interface$|^\*?(string|bool|u?int(8|16|32|64)?|float(32|64))$|time\.Duration$|events\.|clock\.|^\*?sync\./;

export function writeLabel(w: { op: string; kind: string; surface?: string }): string {
  return `${w.op} ${w.kind}${w.surface && w.surface !== "any" ? `/${w.surface}` : ""}`;
}

function aggregateWrites(list: GoAccess[]): SurfaceWrite[] {
  const byKey = new Map<string, SurfaceWrite>();
  for (const a of list) {
    const surface = (a.surface ?? "any") as SurfaceWrite["surface"];
    const key = `${a.kind}|${a.op}|${surface}|${a.client ?? ""}`;
    const prev = byKey.get(key);
    if (prev) {
      prev.count++;
      prev.conditional = (prev.conditional ?? true) && a.conditional;
      continue;
    }
    byKey.set(key, {
      kind: a.kind,
      op: a.op as SurfaceWrite["op"],
      surface,
      count: 1,
      conditional: a.conditional,
      ...(a.via ? { via: a.via } : {}),
      ...(a.client ? { client: a.client } : {}),
      location: a.location,
    });
  }
  return [...byKey.values()];
}

function dedupeReads(list: GoAccess[]): SurfaceRead[] {
  const seen = new Map<string, SurfaceRead>();
  for (const a of list) {
    const key = `${a.kind}|${a.op}|${a.client ?? ""}`;
    if (!seen.has(key))
      seen.set(key, {
        kind: a.kind,
        op: a.op as "GET" | "LIST",
        ...(a.via ? { via: a.via } : {}),
        ...(a.client ? { client: a.client } : {}),
        location: a.location,
      });
  }
  return [...seen.values()];
}

// Package vars that are plumbing, not behaviour: loggers, metrics, schemes, tracers, recorders.
const PLUMBING = /log|metric|prometheus|scheme|tracer|recorder|otel|codec/i;

function sharedPackageVars(out: GoSurfaceOutput): SharedState[] {
  const users = new Map<string, string[]>();
  const written = new Set(out.controllers.flatMap((c) => c.packageVarWrites));
  for (const c of out.controllers)
    for (const v of c.packageVars) users.set(v, [...(users.get(v) ?? []), c.id]);
  const vars = new Map(out.packageVars.map((v) => [`${v.package}.${v.name}`, v]));
  const where = new Map([...vars].map(([k, v]) => [k, v.location]));
  const plumbing = (name: string) => {
    const v = vars.get(name);
    const pkg = name.slice(0, name.lastIndexOf("."));
    return (
      PLUMBING.test(name.slice(name.lastIndexOf(".") + 1)) ||
      PLUMBING.test(pkg.slice(pkg.lastIndexOf("/") + 1)) ||
      (v !== undefined && PLUMBING.test(v.init))
    );
  };
  // Shared state: touched by two controllers and changed by a reconcile (set up once at start is configuration).
  return [...users]
    .filter(([name, cs]) => cs.length >= 2 && written.has(name) && !plumbing(name))
    .map(([name, controllers]) => ({
      name,
      origin: "package-var" as const,
      controllers: [...controllers].sort(),
      location: where.get(name),
      reset: "none known: process-local, lost on restart (OnCrash must rebuild it)",
    }));
}

function sharedInjected(controllers: GoController[]): SharedState[] {
  const users = new Map<string, string[]>();
  for (const c of controllers)
    for (const f of c.fields)
      if (!INFRA_TYPE.test(f.type) && f.type.startsWith("*"))
        users.set(f.type, [...new Set([...(users.get(f.type) ?? []), c.id])]);
  return [...users]
    .filter(([, cs]) => cs.length >= 2)
    .map(([type, cs]) => ({
      name: type.replace(/^\*.*\//, "*"),
      origin: "injected" as const,
      controllers: cs.sort(),
      reset: "shared pointer injected into several reconcilers; a DFS fork does not reset it",
    }));
}

export function goControllerModel(out: GoSurfaceOutput): ControllerModel {
  const gvks: Record<string, string> = {};
  const note = (k: { kind: string; gvk?: string }) => {
    if (k.gvk) gvks[k.kind] = k.gvk;
  };
  const sharedState = [...sharedPackageVars(out), ...sharedInjected(out.controllers)].sort((a, b) =>
    a.name.localeCompare(b.name),
  );
  const controllers = out.controllers.map((c): SurfaceController => {
    [c.for, ...c.owns, ...c.watches, ...c.reads, ...c.writes].forEach((k) => {
      k && note(k);
    });
    return {
      id: c.id,
      ...(c.aliases.length ? { aliases: c.aliases } : {}),
      framework: c.framework,
      source: `${c.file}:${c.line}`,
      fidelity: "real",
      for: c.for?.kind ?? null,
      owns: c.owns.map((k) => k.kind),
      watches: c.watches.map((w) => ({ kind: w.kind, ...(w.mapper ? { mapper: w.mapper } : {}) })),
      reads: dedupeReads(c.reads),
      writes: aggregateWrites(c.writes),
      writesPerReconcile: c.maxWritesPerReconcile,
      writeOrder: c.writes.map((w) => writeLabel(w)),
      registered: c.registered,
      sharedState: sharedState.filter((s) => s.controllers.includes(c.id)).map((s) => s.name),
      hooks: [],
    };
  });
  const issues: SurfaceIssue[] = out.notes.map((n) => ({
    path: n.location,
    message: n.message,
    severity: "warning",
  }));
  return { controllers, sharedState, issues, gvks };
}
