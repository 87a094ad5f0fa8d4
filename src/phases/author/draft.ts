import type { AuthorDimension, ScenarioAnnotation } from "../../formats/scenario-annotation.ts";
import type { SurfaceMap } from "../../formats/surface-map.ts";
import type { ExternalInput, Scenario, Tuning } from "../../formats/workflow.ts";
import type { Coverage } from "./coverage.ts";
import type { ReferenceTrace } from "./reference-trace.ts";
import type { BaseEnv, SeedCatalog } from "./seeds.ts";

/** A scenario before it gets its ID: the name becomes `<id>/<slug><suffix>`. */
export interface DraftScenario {
  suffix: string;
  scenario: Omit<Scenario, "name">;
  annotation: Omit<ScenarioAnnotation, "id" | "slug" | "generatedBy">;
}

/** One file to write: `<id>_<slug>.json` holding one or more scenarios. */
export interface Draft {
  dimension: AuthorDimension;
  slug: string;
  scenarios: DraftScenario[];
}

export interface Skip {
  dimension: AuthorDimension;
  target: string;
  reason: string;
}

export interface HeuristicResult {
  drafts: Draft[];
  skipped: Skip[];
}

export interface AuthorContext {
  map: SurfaceMap;
  seeds: SeedCatalog;
  coverage: Coverage;
  /** reference trace of each user-facing kind's base environment, when an engine could run it */
  traces: Map<string, ReferenceTrace>;
  /** why a base environment has no trace */
  traceProblems: Map<string, string>;
}

/** A heuristic of workflow Phase C: surface map (+ seeds, coverage, traces) → scenario drafts. Pure. */
export type Heuristic = (ctx: AuthorContext) => HeuristicResult;

/** `kro.run/ResourceGraphDefinition` → `resource-graph-definition`; `InstanceController` → `instance-controller`. */
export function slugOf(name: string): string {
  return name
    .slice(name.lastIndexOf("/") + 1)
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .replace(/([A-Z])([A-Z][a-z])/g, "$1-$2")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .toLowerCase();
}

/**
 * A scenario seeded with the base environment: every object in environmentState (no CREATE inputs), then the
 * base's own UPDATE/DELETE actions, then `extra` actions appended after them.
 */
export function fromBase(
  base: BaseEnv,
  tuning: Tuning = {},
  extra: ExternalInput[] = [],
): Omit<Scenario, "name"> {
  const actions = [...structuredClone(base.actions), ...extra];
  return {
    environmentState: { objects: structuredClone(base.objects) },
    ...(actions.length ? { externalInputs: actions } : {}),
    tuning: { maxDepth: base.maxDepth, ...tuning },
  };
}

/** Why no reference trace is available for a base environment (for skip reasons). */
export function noTrace(ctx: AuthorContext, kind: string): string {
  return (
    ctx.traceProblems.get(kind) ??
    `no reference trace for ${kind}: calibrating needs an engine run (embedded project or kamera harness)`
  );
}
