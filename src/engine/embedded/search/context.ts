import type { ControllerDefinition } from "../api.ts";
import { type History, nodeKey, orderKey, type StateNode } from "../state/index.ts";
import type { StepEnv } from "../step/index.ts";
import { emptyStats, type ExploreStats } from "./stats.ts";

export interface SearchHooks {
  /** Wall-clock deadline (ms since epoch) after which the search stops with partial results. */
  deadline?: number;
  /** State visits after which the search stops with partial results (a hunt's budget, per run). */
  maxStates?: number;
  signal?: AbortSignal;
  /** Called every `progressEvery` visits. */
  onProgress?: (p: { visits: number; converged: number; aborted: number; depth: number }) => void;
  progressEvery?: number;
}

export interface Aborted {
  readonly node: StateNode;
  readonly error: string;
}

/** What one exploration produced: terminal states with the paths that reached them, and the counters. */
export interface SearchOutcome {
  readonly converged: ReadonlyArray<{ node: StateNode; paths: ReadonlyArray<History | null> }>;
  readonly aborted: readonly Aborted[];
  readonly stats: ExploreStats;
  readonly timedOut: boolean;
}

/** Mutable bookkeeping shared by the DFS and Monte Carlo loops. */
export class SearchState {
  readonly stats = emptyStats();
  private readonly seenOrder = new Set<string>();
  private readonly seenContents = new Set<string>();
  private readonly pathsByKey = new Map<string, Array<History | null>>();
  readonly converged = new Map<string, StateNode>();
  readonly convergedContents = new Set<string>();
  readonly aborted: Aborted[] = [];
  /** The node the previous step produced: a step on any other node is a branch switch (onFork). */
  lastProduced: StateNode | null = null;
  timedOut = false;
  private checks = 0;

  constructor(
    readonly env: StepEnv,
    readonly hooks: SearchHooks,
    private readonly controllers: readonly ControllerDefinition[],
  ) {}

  /** Count a visit (campaign metrics). */
  visit(n: StateNode): void {
    const s = this.stats;
    s.TotalNodeVisits++;
    const ok = orderKey(n, this.env.keyCfg);
    if (this.seenOrder.has(ok)) s.AlreadySeenNodeVisits++;
    else {
      this.seenOrder.add(ok);
      s.UniqueNodeVisits++;
    }
    const fp = n.objects.fingerprint;
    if (!this.seenContents.has(fp)) {
      this.seenContents.add(fp);
      s.UniqueResourceStates++;
    }
    const every = this.hooks.progressEvery ?? 1000;
    if (this.hooks.onProgress && s.TotalNodeVisits % every === 0) {
      this.hooks.onProgress({
        visits: s.TotalNodeVisits,
        converged: this.converged.size,
        aborted: this.aborted.length,
        depth: n.depth,
      });
    }
  }

  /**
   * A converged visit. Paths come from every converged visit of the same state: the state key includes the
   * pending entries' sources, so only converged visits can share it (kamera records all visits for that).
   */
  emitConverged(n: StateNode): void {
    const nk = nodeKey(n, this.env.keyCfg);
    const paths = this.pathsByKey.get(nk);
    if (paths) paths.push(n.history);
    else {
      this.converged.set(nk, n);
      this.pathsByKey.set(nk, [n.history]);
    }
    this.convergedContents.add(n.objects.fingerprint);
  }

  abort(n: StateNode, error: string): void {
    this.stats.AbortedPaths++;
    this.aborted.push({ node: n, error });
  }

  /** Before a step: reset controllers' module state when the search jumped to another branch. */
  beforeStep(n: StateNode): void {
    if (n !== this.lastProduced) this.fork();
  }

  fork(): void {
    for (const c of this.controllers) c.onFork?.();
  }

  crashed(): void {
    for (const c of this.controllers) c.onCrash?.();
  }

  shouldStop(): boolean {
    if ((this.checks++ & 63) !== 0) return false;
    if (
      this.hooks.signal?.aborted ||
      (this.hooks.deadline !== undefined && Date.now() > this.hooks.deadline) ||
      (this.hooks.maxStates !== undefined && this.stats.TotalNodeVisits >= this.hooks.maxStates)
    ) {
      this.timedOut = true;
    }
    return this.timedOut;
  }

  outcome(): SearchOutcome {
    const converged = [...this.converged].map(([nk, node]) => ({
      node,
      paths: this.pathsByKey.get(nk) ?? [node.history],
    }));
    return { converged, aborted: this.aborted, stats: this.stats, timedOut: this.timedOut };
  }
}
