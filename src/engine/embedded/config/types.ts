import type { FaultInjection, StalenessInterval } from "../../../formats/workflow.ts";
import type { KubeObj } from "../api.ts";

/**
 * What the search receives (the "resolved" stage): every default filled, inputs normalised.
 * Scenario as written (formats/workflow.ts) → resolveConfig → ExploreConfig.
 */

export interface Optimizations {
  /** Expand orderings once per (ordered state, triggered permutable set). */
  orderingPruning: boolean;
  /** After a node converges, a later identical (state, history key) child is not enqueued. */
  completedPathDedup: boolean;
  /** Drop a node whose pending work is all known no-ops when its contents already converged. */
  earlyConvergence: boolean;
  /** Completion markers: skip subtrees already explored or in progress (diamonds). */
  subtreeCompletion: boolean;
  /** kamera's no-op ordering skip (unsound heuristic; off by default here, see README). */
  noOpOrderingSkip: boolean;
  /** Permute only entries the last step triggered (kamera default). */
  onlyPermuteTriggered: boolean;
  /**
   * No variant moves forward a reconcile known to do nothing while its own object is unchanged: heuristic, off
   * unless the scenario asks (tuning.skipOwnNoOpOrderings; engine README).
   */
  ownNoOpOrderingSkip: boolean;
}

export const ALL_OPTIMIZATIONS: Optimizations = {
  orderingPruning: true,
  completedPathDedup: true,
  earlyConvergence: true,
  subtreeCompletion: true,
  noOpOrderingSkip: false,
  onlyPermuteTriggered: true,
  // A heuristic (it can miss an outcome), so only a scenario turns it on (tuning.skipOwnNoOpOrderings).
  ownNoOpOrderingSkip: false,
};

export const NO_OPTIMIZATIONS: Optimizations = {
  orderingPruning: false,
  completedPathDedup: false,
  earlyConvergence: false,
  subtreeCompletion: false,
  noOpOrderingSkip: false,
  onlyPermuteTriggered: true,
  ownNoOpOrderingSkip: false,
};

export type ActionOp = "CREATE" | "UPDATE" | "DELETE";

export interface UserAction {
  readonly index: number;
  readonly id: string;
  readonly opType: ActionOp;
  readonly object: KubeObj;
  /** A CREATE turned into UPDATE because the seed state holds the object: creates it again if it is gone. */
  readonly fromCreate?: boolean;
}

export interface SearchConfig {
  readonly mode: "dfs" | "monte_carlo";
  readonly seed: number;
  readonly trials: number;
  /** Monte Carlo grouping key (scenarioGroup, default inputRef or `name#index`). */
  readonly group: string;
}

export interface ExploreConfig {
  readonly scenarioName: string;
  readonly seedObjects: readonly KubeObj[];
  readonly actions: readonly UserAction[];
  readonly maxDepth: number;
  readonly permute: ReadonlySet<string>;
  readonly permuteDepthRange?: { readonly min: number; readonly max: number };
  readonly permuteAfterEvent?: { readonly opType: string; readonly kind: string };
  /**
   * Only each permuted controller's first ready entry may move forward: a controller's own queue stays first in,
   * first out, and the controllers' queues interleave (tuning.fifoPerController, a ctrlhunt extension). Part of
   * what the scenario asks, not an optimisation: `--no-optimizations` keeps it.
   */
  readonly fifoPerController: boolean;
  /** action index → depth at which it becomes ready. */
  readonly readyDepths: ReadonlyMap<number, number>;
  readonly intervals: readonly StalenessInterval[];
  readonly faults: readonly FaultInjection[];
  /** Legacy branching staleness: reconciler → kind → lookback N (0 = unbounded). */
  readonly staleReads: ReadonlyMap<string, ReadonlyMap<string, number>>;
  readonly search: SearchConfig;
  readonly optimizations: Optimizations;
}
