import type { ControllerDefinition, KubeObj, Request } from "../api.ts";

/** Built-in reconcilers and the pseudo-controller of external inputs (kamera's ids where kamera has one). */
export const CLEANUP_ID = "CleanupReconciler";
export const GC_ID = "GarbageCollector";
export const USER_ID = "External User";
export const RESERVED_IDS: ReadonlySet<string> = new Set([CLEANUP_ID, GC_ID, USER_ID]);

export interface WatchRegistration {
  readonly controllerId: string;
  readonly map?: (obj: KubeObj) => Request[];
}

/** The trigger manager's tables, built once per project (spec §2). */
export interface Registry {
  readonly controllers: ReadonlyMap<string, ControllerDefinition>;
  /** Every id a pending entry may name (user controllers + built-ins). */
  readonly ids: ReadonlySet<string>;
  readonly primaries: ReadonlyMap<string, readonly string[]>;
  readonly watches: ReadonlyMap<string, readonly WatchRegistration[]>;
  /** child kind → owner kind → controllers whose `for` is the owner kind and that list the child in `owns`. */
  readonly owners: ReadonlyMap<string, ReadonlyMap<string, readonly string[]>>;
  /** kamera's ResourceDeps: for + owns + watches + reads kinds of each controller. */
  readonly deps: ReadonlyMap<string, ReadonlySet<string>>;
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

export function buildRegistry(controllers: readonly ControllerDefinition[]): Registry {
  const byId = new Map<string, ControllerDefinition>();
  const primaries = new Map<string, string[]>();
  const watches = new Map<string, WatchRegistration[]>();
  const owners = new Map<string, Map<string, string[]>>();
  const deps = new Map<string, Set<string>>();
  for (const c of controllers) {
    byId.set(c.id, c);
    push(primaries, c.for, c.id);
    const d = new Set<string>([c.for, ...(c.owns ?? []), ...(c.reads ?? [])]);
    for (const w of c.watches ?? []) {
      push(watches, w.kind, { controllerId: c.id, map: w.map });
      d.add(w.kind);
    }
    for (const child of c.owns ?? []) {
      const m = owners.get(child) ?? new Map<string, string[]>();
      push(m, c.for, c.id);
      owners.set(child, m);
    }
    deps.set(c.id, d);
  }
  const ids = new Set<string>([...byId.keys(), ...RESERVED_IDS]);
  return { controllers: byId, ids, primaries, watches, owners, deps };
}

/** The controller is triggered by some change of this kind (for, owns or a watch). */
export function watchesKind(reg: Registry, controllerId: string, kind: string): boolean {
  if (reg.primaries.get(kind)?.includes(controllerId)) return true;
  if (reg.watches.get(kind)?.some((w) => w.controllerId === controllerId)) return true;
  for (const ids of reg.owners.get(kind)?.values() ?? []) if (ids.includes(controllerId)) return true;
  return false;
}
