import { type ExploreConfig, withoutPerturbations } from "../config/index.ts";

/**
 * One phase of a run, as plain data (it crosses into worker threads): how to derive the phase's config from
 * the scenario's resolved config, its name and its dump attributes.
 */
export type PhaseTransform =
  | { kind: "as-written" }
  | { kind: "reference" }
  | { kind: "rerun"; permute: string[] }
  | { kind: "interleave"; actionIndex: number; depth: number }
  | {
      kind: "staleness";
      reconciler: string;
      staleKind: string;
      staleAt: number;
      catchUpAt: number;
      permute: string[];
    };

export interface PhasePlan {
  /** Phase name (dump attribute `phase`, part of the file name); undefined for a plain exploration run. */
  name?: string;
  transform: PhaseTransform;
  attributes: Record<string, string>;
}

export const EXPLORATION_PLAN: PhasePlan = { transform: { kind: "as-written" }, attributes: {} };
export const REFERENCE_PLAN: PhasePlan = {
  name: "reference",
  transform: { kind: "reference" },
  attributes: {},
};

/** The phase's config: kamera's disablePerturbations plus what the plan turns on. */
export function applyPlan(base: ExploreConfig, plan: PhasePlan): ExploreConfig {
  const t = plan.transform;
  switch (t.kind) {
    case "as-written":
      return base;
    case "reference":
      return withoutPerturbations(base);
    case "rerun":
      return { ...withoutPerturbations(base), permute: new Set(t.permute) };
    case "interleave":
      return { ...withoutPerturbations(base), readyDepths: new Map([[t.actionIndex, t.depth]]) };
    case "staleness":
      return {
        ...withoutPerturbations(base),
        permute: new Set(t.permute),
        intervals: [
          {
            reconciler: t.reconciler,
            kind: t.staleKind,
            staleAt: t.staleAt,
            catchUpAt: t.catchUpAt,
            lag: -1,
          },
        ],
      };
  }
}
