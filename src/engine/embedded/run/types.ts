import type { Dump } from "../../../formats/dump.ts";
import type { ReconcileError } from "../../../formats/reconcile-errors.ts";
import type { RunMetrics, RunMode } from "../../../formats/run-record.ts";
import type { EngineEvent } from "../../types.ts";
import type { Optimizations } from "../config/index.ts";
import type { DumpSummary } from "../dump/index.ts";

/** One dump of an exploration: scenario × phase × trial. Pure data; writing it is the caller's business. */
export interface ExploreOutput {
  fileName: string;
  /** Phase name (`reference`, `rerun`, `interleave_action_1_depth_3`, …) or `exploration`. */
  phase: string;
  trialIndex?: number;
  dump: Dump;
  /** The deadline hit before this dump's search finished: its states are partial. */
  timedOut?: boolean;
}

/**
 * A dump already written to disk by the thread that produced it (the dump itself stays there: moving hundreds of
 * kilobytes per trial back to the main thread is what made worker threads slower than one thread).
 */
export interface WrittenOutput extends Omit<ExploreOutput, "dump"> {
  /** Absolute path of the dump file. */
  file: string;
  /** sha256 of the file's bytes (a campaign's collect detects truncated or replaced dumps by it). */
  sha256: string;
  /** Its end-of-run line (`file` absolute). */
  summary: DumpSummary;
  /** Its share of the run's metrics. */
  metrics: RunMetrics;
  /** Reconcile errors its traces show, citing `file` (absolute). */
  reconcileErrors: ReconcileError[];
  /** Kept only where the run needs the dump itself: the closed-loop planner reads the reference. */
  dump?: Dump;
}

export interface ExploreOptions {
  mode: RunMode;
  maxDepth?: number;
  /** Monte Carlo trials (implies Monte Carlo search). */
  trials?: number;
  /** Worker threads for Monte Carlo trials (needs a project loaded with loadEmbeddedProject). */
  workers?: number;
  /** Wall-clock budget for the whole scenario; phases not started in time are skipped. */
  timeoutMs?: number;
  /** State visits each search may make; past it the search stops with partial results, as at a deadline. */
  maxStates?: number;
  seed?: number;
  optimizations?: Partial<Optimizations>;
  /** Shared by all dumps of one invocation; derived from scenario + mode + seed when absent. */
  invocationId?: string;
  inputRef?: string;
  runIndex?: number;
  /** Scenario file (issue messages). */
  file?: string;
  /** Leave durationNs out (SOURCE_DATE_EPOCH runs): dumps become byte-identical. */
  reproducible?: boolean;
  /** Write kamera's raw ExploreStats into each dump (`--emit-stats`). */
  emitStats?: boolean;
  /** Most staleness-interval phases a closed-loop run adds (default 16; 0 = none). */
  maxStalenessPhases?: number;
  onEvent?: (e: EngineEvent) => void;
  signal?: AbortSignal;
}
