import type { RunMode, RunRecord } from "../formats/run-record.ts";

/** Progress events an engine emits; reporters (progress bar, JSON) subscribe in the CLI. */
export type EngineEvent =
  | { type: "phase-start"; scenario: string; phase: string }
  | {
      type: "progress";
      scenario: string;
      phase: string;
      visits: number;
      converged: number;
      aborted: number;
      /** Depth of the state just visited. */
      depth?: number;
      /** Heap of the thread running the search, in MiB. */
      heapMb?: number;
    }
  | { type: "trial-done"; scenario: string; trial: number; trials: number }
  | { type: "phase-end"; scenario: string; phase: string; dump: string };

/** Contract between phases and engines (DESIGN.md). */
export interface RunOptions {
  /** Project name (workspace) or a loaded definition for the embedded engine. */
  project: string;
  scenarioFile: string;
  mode: RunMode;
  outDir: string;
  trials?: number;
  workers?: number;
  timeoutMs?: number;
  maxDepth?: number;
  /** Restrict to scenarios whose name matches (default: all scenarios of the file). */
  scenarioNames?: string[];
  onEvent?: (e: EngineEvent) => void;
  /** Interrupt: the run stops within a second and rejects with CTRLHUNT_INTERRUPTED. */
  signal?: AbortSignal;
  /** Heap budget of a search (embedded engine, MiB): past it the search stops and the run is partial. */
  maxMemoryMb?: number;
  /** State visits a search may make (embedded engine, per dump): past it the search stops and the run is partial. */
  maxStates?: number;
}

export interface Engine {
  readonly name: "embedded" | "kamera";
  run(opts: RunOptions): Promise<RunRecord>;
}
