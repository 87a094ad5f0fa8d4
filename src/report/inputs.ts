import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { pathsOf, readDumpFile, splitDumpId, statesOf, terminalHash } from "../analysis/index.ts";
import type { ProjectRecords } from "../evidence/index.ts";
import type { Dump } from "../formats/dump.ts";
import type { Finding } from "../formats/records.ts";
import type { RunRecord } from "../formats/run-record.ts";
import type { Tuning } from "../formats/workflow.ts";
import { projectPaths, relativeToWorkspace, scenarioFiles } from "../workspace/index.ts";
import type { AnalysisInputs, ProjectInfo } from "./analysis-model.ts";
import type { ScenarioFacts } from "./artifacts.ts";
import { type DumpFacts, pathKey } from "./finding-view.ts";
import { perturbationMark } from "./mermaid.ts";

/** I/O edge of the report: everything the pure models need, read from the workspace. */

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown) => (typeof v === "string" && v.trim() !== "" ? v : undefined);

function readJsonLoose(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}

/** Name, upstream, description and controller IDs from project.json or project.ts (best effort: header only). */
export async function loadProjectInfo(root: string, project: string): Promise<ProjectInfo> {
  const p = projectPaths(root, project);
  let def: unknown;
  let kind: ProjectInfo["kind"] = "unknown";
  if (fs.existsSync(p.projectJson)) {
    kind = "kamera";
    def = readJsonLoose(p.projectJson);
  } else if (fs.existsSync(p.projectTs)) {
    kind = "embedded";
    def = await import(pathToFileURL(p.projectTs).href).then((m) => m.default).catch(() => undefined);
  }
  const d = isObj(def) ? def : {};
  const controllers = (Array.isArray(d.controllers) ? d.controllers : [])
    .map((c) => (isObj(c) ? str(c.id) : str(c)))
    .filter((c): c is string => c !== undefined);
  return { name: project, kind, upstream: str(d.upstream), description: str(d.description), controllers };
}

/** Tunings of the scenarios in a workflow file (an unreadable file has none). */
function tuningsOf(file: string): Array<Tuning | null | undefined> {
  const data = readJsonLoose(file);
  return Array.isArray(data)
    ? data.map((s) => (isObj(s) && isObj(s.tuning) ? (s.tuning as Tuning) : undefined))
    : [];
}

export function loadScenarioFacts(root: string, project: string): ScenarioFacts[] {
  const dir = projectPaths(root, project).scenarios;
  const all = scenarioFiles(dir, { variants: true });
  return scenarioFiles(dir).map((file) => {
    const stem = path.basename(file, ".json");
    const data = readJsonLoose(file);
    return {
      file: relativeToWorkspace(root, file),
      names: Array.isArray(data)
        ? data.flatMap((s) => (isObj(s) && str(s.name) ? [String(s.name)] : []))
        : [],
      variants: all
        .filter((v) =>
          new RegExp(`^${stem.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}-hypothesis-\\d+\\.json$`).test(
            path.basename(v),
          ),
        )
        .map((v) => relativeToWorkspace(root, v)),
      tunings: tuningsOf(file),
    };
  });
}

/** Reads each dump file once per report. */
function dumpReader(root: string) {
  const cache = new Map<string, Array<{ line?: number; dump: Dump }>>();
  return (rel: string): Dump[] => {
    const { file, line } = splitDumpId(rel);
    const abs = path.resolve(root, file);
    if (!cache.has(abs)) cache.set(abs, fs.existsSync(abs) ? readDumpFile(abs).dumps : []);
    const docs = cache.get(abs) ?? [];
    return docs.filter((d) => line === undefined || d.line === line).map((d) => d.dump);
  };
}

/** Cited paths' controller sequences and each finding's terminal-state histogram. */
export function loadDumpFacts(root: string, records: ProjectRecords): DumpFacts {
  const read = dumpReader(root);
  const paths = new Map<
    string,
    { controllers: string[]; marks: Array<string | undefined>; terminalHash: string }
  >();
  const distributions = new Map<string, Array<{ hash: string; count: number }>>();
  const runs = new Map(records.runs.map((r) => [r.record.runId, r.record]));
  for (const { record: f } of records.findings) {
    for (const c of f.citations) {
      const state = read(c.dump)
        .flatMap(statesOf)
        .find((s) => s.id === c.stateId);
      const steps = state ? pathsOf(state)[c.pathIndex] : undefined;
      if (state && steps)
        paths.set(pathKey(c), {
          controllers: steps.map((s) => s.controllerId),
          marks: steps.map(perturbationMark),
          terminalHash: terminalHash(state),
        });
    }
    distributions.set(f.id, histogram(distributionDumps(f, runs).flatMap(read)));
  }
  return { paths, distributions };
}

/** The trials a hit rate is about: the finding's exploration runs (reference runs are one baseline path each). */
function distributionDumps(f: Finding, runs: Map<string, RunRecord>): string[] {
  const mine = f.runs.flatMap((id) => runs.get(id) ?? []);
  const explored = mine.filter((r) => r.mode !== "reference");
  const fromRuns = (explored.length ? explored : mine).flatMap((r) => r.dumps);
  return fromRuns.length ? fromRuns : [...new Set(f.citations.map((c) => splitDumpId(c.dump).file))];
}

function histogram(dumps: Dump[]): Array<{ hash: string; count: number }> {
  const counts = new Map<string, number>();
  for (const s of dumps.flatMap(statesOf))
    counts.set(terminalHash(s), (counts.get(terminalHash(s)) ?? 0) + 1);
  return [...counts.entries()]
    .map(([hash, count]) => ({ hash, count }))
    .sort((a, b) => b.count - a.count || (a.hash < b.hash ? -1 : 1));
}

export async function loadAnalysisInputs(root: string, records: ProjectRecords): Promise<AnalysisInputs> {
  const p = projectPaths(root, records.project);
  const runs = records.runs.map((r) => r.record);
  const tunings = new Map(
    [...new Set(runs.map((r) => r.scenarioFile))].map((f) => [f, tuningsOf(path.resolve(root, f))] as const),
  );
  return {
    info: await loadProjectInfo(root, records.project),
    surfaceMap: fs.existsSync(p.surfaceMap) ? readJsonLoose(p.surfaceMap) : undefined,
    findings: records.findings.map((f) => f.record),
    hypotheses: records.hypotheses.map((h) => h.record),
    runs,
    reruns: records.reruns.map((r) => r.record),
    scenarios: loadScenarioFacts(root, records.project),
    tunings,
    facts: loadDumpFacts(root, records),
  };
}
