import type { SharedState, SurfaceController, SurfaceIssue, SurfaceMap } from "../../formats/surface-map.ts";
import { checkSurfaceContract } from "./contract.ts";
import { dataFlows, multiWrites, vulnerabilityWindows } from "./flows.ts";
import { kindTable } from "./roles.ts";

export interface SurfaceFacts {
  project: string;
  source: SurfaceMap["source"];
  generatedFrom: string[];
  controllers: SurfaceController[];
  sharedState: SharedState[];
  issues: SurfaceIssue[];
  gvks?: Record<string, string>;
}

/** Derive the tables of the surface map from controller facts and run the contract checks (pure). */
export function assembleSurfaceMap(facts: SurfaceFacts): SurfaceMap {
  const controllers = [...facts.controllers].sort((a, b) => a.id.localeCompare(b.id));
  const kinds = kindTable(controllers, facts.gvks ?? {});
  const userFacing = kinds.filter((k) => k.role === "user-facing").map((k) => k.kind);
  // A controller that is never registered never runs: it opens no flow, crash window or stale read.
  const live = controllers.filter((c) => c.registered);
  const map: SurfaceMap = {
    project: facts.project,
    source: facts.source,
    generatedFrom: facts.generatedFrom,
    controllers,
    kinds,
    dataFlows: dataFlows(live, userFacing),
    multiWrites: multiWrites(live),
    sharedState: facts.sharedState,
    vulnerabilityWindows: vulnerabilityWindows(live),
    issues: [],
  };
  map.issues = [...checkSurfaceContract(map), ...facts.issues];
  return map;
}
