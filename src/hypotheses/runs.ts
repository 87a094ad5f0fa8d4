import path from "node:path";
import { readDumpFile } from "../analysis/index.ts";
import { engineFor, modelDigest } from "../engine/index.ts";
import type { Engine } from "../engine/types.ts";
import type { EvidenceStore } from "../evidence/index.ts";
import type { RunMode, RunRecord } from "../formats/run-record.ts";
import { discoverProject, relativeToWorkspace } from "../workspace/index.ts";
import type { LoadedDump } from "./judge/index.ts";

/** What running hypotheses needs from the world: the workspace, its evidence store, and how to get an engine. */
export interface HypothesisEnv {
  root: string;
  store: EvidenceStore;
  /** Engine for a project (default: embedded for project.ts, kamera for project.json). */
  engineFor?: (project: string) => Engine;
}

export function defaultEngineFor(root: string): (project: string) => Engine {
  return (project) => engineFor(root, project);
}

export interface RunRequest {
  project: string;
  scenarioFile: string;
  scenarioName: string;
  mode: RunMode;
  timeoutMs?: number;
  /** State visits the search may make (embedded engine); past it the run is partial. */
  maxStates?: number;
}

/** Run one scenario of a file and record it (the run folder is reserved first; both engines write dumps/ in it). */
export async function runAndRecord(env: HypothesisEnv, req: RunRequest): Promise<RunRecord> {
  const engine = (env.engineFor ?? defaultEngineFor(env.root))(req.project);
  const slot = env.store.reserveRun(req.project);
  const run = await engine.run({
    project: req.project,
    scenarioFile: relativeToWorkspace(env.root, req.scenarioFile),
    scenarioNames: [req.scenarioName],
    mode: req.mode,
    outDir: slot.dir,
    timeoutMs: req.timeoutMs,
    ...(req.maxStates !== undefined ? { maxStates: req.maxStates } : {}),
  });
  return env.store.recordRun(req.project, { ...run, runId: slot.runId }, run.dumps);
}

/** The dumps of a recorded run that belong to one scenario, with workspace-relative ids for citations. */
export function loadRunDumps(root: string, run: RunRecord, scenarioName?: string): LoadedDump[] {
  const out: LoadedDump[] = [];
  for (const file of run.dumps) {
    const rel = relativeToWorkspace(root, path.resolve(root, file));
    const { dumps } = readDumpFile(path.resolve(root, file));
    for (const d of dumps) {
      const name = d.dump.context?.scenario?.name;
      if (scenarioName !== undefined && name !== undefined && name !== scenarioName) continue;
      out.push({ id: d.line === undefined || dumps.length === 1 ? rel : `${rel}#${d.line}`, dump: d.dump });
    }
  }
  return out;
}

/** The latest recorded reference run of a scenario file (and scenario), if any. */
export function latestReferenceRun(
  env: HypothesisEnv,
  project: string,
  scenarioFile: string,
): RunRecord | undefined {
  const want = path.resolve(env.root, scenarioFile);
  // A reference run of a changed model (a fix since) is no baseline for the current code: run it again.
  const found = discoverProject(env.root, project);
  const model = found.kind === "embedded" ? modelDigest(found.definitionFile) : undefined;
  return env.store
    .listRuns(project)
    .filter(
      (r) =>
        r.mode === "reference" && r.status !== "failed" && path.resolve(env.root, r.scenarioFile) === want,
    )
    .filter(
      (r) =>
        model === undefined || r.provenance.modelSha256 === undefined || r.provenance.modelSha256 === model,
    )
    .at(-1);
}
