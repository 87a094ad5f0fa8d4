import type { RunMode, RunRecord } from "../formats/run-record.ts";

/** Progress events an engine emits; reporters (progress bar, JSON) subscribe in the CLI. */
export type EngineEvent =
  | { type: "phase-start"; scenario: string; phase: string }
  | { type: "progress"; scenario: string; phase: string; visits: number; converged: number; aborted: number }
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
  signal?: AbortSignal;
}

export interface Engine {
  readonly name: "embedded" | "kamera";
  run(opts: RunOptions): Promise<RunRecord>;
}
