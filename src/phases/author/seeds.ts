import type { SurfaceMap } from "../../formats/surface-map.ts";
import type { ExternalInput, KubeObject, Scenario } from "../../formats/workflow.ts";
import { actionsOf } from "../../formats/workflow.ts";
import { canonicalKindOf } from "../../formats/workflow-kinds.ts";
import { inputKinds } from "./reach.ts";

/** Everything seeded up front for scenarios that start from one user-facing kind. */
export interface BaseEnv {
  kind: string;
  objects: KubeObject[];
  /** the source scenario's UPDATE/DELETE actions, in order: what sets a steady-state seed in motion */
  actions: ExternalInput[];
  /** where the objects came from: `<file>#<scenario>` or "project examples" */
  from: string;
  maxDepth: number;
}

export interface SeedCatalog {
  bases: Map<string, BaseEnv>;
  /** spec-only UPDATE payloads per kind (from existing UPDATE inputs or repeated examples) */
  updates: Map<string, KubeObject[]>;
}

export interface ExistingScenario {
  file: string;
  scenario: Scenario;
}

export const DEFAULT_MAX_DEPTH = 40;

export function kindOfObject(o: KubeObject): string {
  return canonicalKindOf(o.apiVersion, o.kind);
}

const identity = (o: KubeObject) =>
  `${kindOfObject(o)}/${o.metadata?.namespace ?? ""}/${o.metadata?.name ?? ""}`;

function dedupe(objects: KubeObject[]): KubeObject[] {
  const byId = new Map<string, KubeObject>();
  for (const o of objects) byId.set(identity(o), o);
  return [...byId.values()];
}

/** UPDATE actions must not carry status (real users send spec-only updates). */
export function specOnly(o: KubeObject): KubeObject {
  const { status: _status, ...rest } = o as KubeObject & { status?: unknown };
  return structuredClone(rest) as KubeObject;
}

function seededObjects(s: Scenario): KubeObject[] {
  const creates = actionsOf(s)
    .filter((a) => a.opType === "CREATE")
    .map((a) => a.object);
  return dedupe([...(s.environmentState?.objects ?? []), ...creates]);
}

/**
 * Seeds, in order of preference: an existing scenario that already seeds the user-facing kind (its author knew
 * what else must exist), else the project's examples for the kind and for the inputs its controllers read.
 */
export function buildSeedCatalog(
  map: SurfaceMap,
  examples: KubeObject[],
  existing: ExistingScenario[],
): SeedCatalog {
  const bases = new Map<string, BaseEnv>();
  const updates = new Map<string, KubeObject[]>();
  const addUpdate = (o: KubeObject) => {
    const k = kindOfObject(o);
    updates.set(k, [...(updates.get(k) ?? []), specOnly(o)]);
  };
  for (const kind of map.kinds.filter((k) => k.role === "user-facing").map((k) => k.kind)) {
    const hit = existing.find((e) => seededObjects(e.scenario).some((o) => kindOfObject(o) === kind));
    if (hit) {
      bases.set(kind, {
        kind,
        objects: structuredClone(seededObjects(hit.scenario)),
        actions: structuredClone(actionsOf(hit.scenario).filter((a) => a.opType !== "CREATE")),
        from: `${hit.file}#${hit.scenario.name}`,
        maxDepth: hit.scenario.tuning?.maxDepth ?? DEFAULT_MAX_DEPTH,
      });
      continue;
    }
    const wanted = new Set([kind, ...inputKinds(map, kind)]);
    const objects = dedupe(examples.filter((o) => wanted.has(kindOfObject(o))));
    if (objects.some((o) => kindOfObject(o) === kind))
      bases.set(kind, {
        kind,
        objects: structuredClone(objects),
        actions: [],
        from: "project examples",
        maxDepth: DEFAULT_MAX_DEPTH,
      });
  }
  for (const e of existing)
    for (const a of actionsOf(e.scenario)) if (a.opType === "UPDATE") addUpdate(a.object);
  const seen = new Set<string>();
  for (const o of examples) {
    if (seen.has(identity(o))) addUpdate(o);
    seen.add(identity(o));
  }
  return { bases, updates };
}
