/** kamera's ExploreStats counters (spec §6.4); campaignMetrics come from the first four. */
export interface ExploreStats {
  TotalNodeVisits: number;
  UniqueNodeVisits: number;
  AlreadySeenNodeVisits: number;
  UniqueResourceStates: number;
  AbortedPaths: number;
  SkippedPaths: number;
  SkippedOrderExpansions: number;
  SkippedNoOpOrderings: number;
  EarlyConvergence: number;
  CachePredictedSkips: number;
  SubtreeCompletionSkips: number;
  SubtreeDiamondSkips: number;
  StaleViewCompletionSkips: number;
  NoOpReconciles: number;
  TotalReconcileSteps: number;
  RestartsPerReconciler: Record<string, number>;
}

export function emptyStats(): ExploreStats {
  return {
    TotalNodeVisits: 0,
    UniqueNodeVisits: 0,
    AlreadySeenNodeVisits: 0,
    UniqueResourceStates: 0,
    AbortedPaths: 0,
    SkippedPaths: 0,
    SkippedOrderExpansions: 0,
    SkippedNoOpOrderings: 0,
    EarlyConvergence: 0,
    CachePredictedSkips: 0,
    SubtreeCompletionSkips: 0,
    SubtreeDiamondSkips: 0,
    StaleViewCompletionSkips: 0,
    NoOpReconciles: 0,
    TotalReconcileSteps: 0,
    RestartsPerReconciler: {},
  };
}
