import fs from "node:fs";
import path from "node:path";
import type { ProjectDefinition } from "../../engine/embedded/api.ts";
import { CtrlhuntError } from "../../errors/index.ts";
import type { Dump } from "../../formats/dump.ts";
import { parseProjectJson } from "../../formats/project-json.ts";
import { SurfaceMap, type SurfaceIssue } from "../../formats/surface-map.ts";
import { stableStringify } from "../../formats/json-text.ts";
import { actionsOf, type Scenario } from "../../formats/workflow.ts";
import { checkWorkflowText } from "../../formats/workflow-io.ts";
import {
  discoverProject,
  projectPaths,
  readRecord,
  relativeToWorkspace,
  scenarioFiles,
  withLockSync,
  workspacePaths,
  writeRecord,
} from "../../workspace/index.ts";
import { assembleSurfaceMap, type SurfaceFacts } from "./assemble.ts";
import { embeddedControllers } from "./embedded.ts";
import { extractGoSurface } from "./go-extract.ts";
import { goControllerModel } from "./go-model.ts";
import { observeControllers } from "./observed.ts";

/** How the map phase reaches the embedded engine (injected so the phase is testable without it). */
export interface EmbeddedAccess {
  load(definitionFile: string): Promise<ProjectDefinition>;
  /** Reference-mode dumps of one scenario. */
  reference(def: ProjectDefinition, scenario: Scenario): Promise<Dump[]>;
}

export interface MapOptions {
  root: string;
  project: string;
  /** Map this Go module instead of the project's source.repo. */
  goDir?: string;
  /** Where to write the map (default projects/<project>/surface-map.json). */
  output?: string;
  embedded?: EmbeddedAccess;
}

export interface MapResult {
  map: SurfaceMap;
  file: string;
  errors: SurfaceIssue[];
}

/** Valid scenario files' scenarios; an invalid file is skipped (`scenario validate` reports it). */
function readScenarios(files: string[]): Array<{ file: string; scenario: Scenario }> {
  return files.flatMap((file) => {
    const res = checkWorkflowText(fs.readFileSync(file, "utf8"), file);
    return res.ok ? res.workflow.map((scenario) => ({ file, scenario })) : [];
  });
}

/** Scenario, trace or project.json references to controllers the map does not know (workflow §5 item 17). */
function unknownControllerRefs(
  map: SurfaceMap,
  scenarios: Array<{ file: string; scenario: Scenario }>,
  root: string,
) {
  const ids = new Set(map.controllers.map((c) => c.id));
  const renamed = (id: string) => map.controllers.filter((c) => c.aliases?.includes(id)).map((c) => c.id);
  const issues: SurfaceIssue[] = [];
  for (const { file, scenario } of scenarios) {
    const t = scenario.tuning ?? {};
    const refs = [
      ...(t.permuteControllers ?? []).map((id) => ["permuteControllers", id] as const),
      ...(t.stalenessIntervals ?? []).map((s) => ["stalenessIntervals", s.reconciler] as const),
      ...(t.faultInjection ?? []).map((f) => ["faultInjection", f.reconciler] as const),
    ];
    for (const [field, id] of refs) {
      if (ids.has(id)) continue;
      const now = renamed(id);
      issues.push({
        path: `${relativeToWorkspace(root, file)}:${scenario.name}.tuning.${field}`,
        message: now.length
          ? `controller "${id}" is now ${now.map((n) => `"${n}"`).join(" or ")} (rewrite with \`ctrlhunt scenario migrate <file> --surface-map <map>\`)`
          : `controller "${id}" is not in the surface map (not registered, or named differently)`,
        severity: "warning",
      });
    }
  }
  return issues;
}

async function mapEmbedded(opts: MapOptions, definitionFile: string, scenarioFiles: string[]) {
  if (!opts.embedded) throw new CtrlhuntError("CTRLHUNT_UNSUPPORTED", "no embedded engine access configured");
  const def = await opts.embedded.load(definitionFile);
  const scenarios = readScenarios(scenarioFiles);
  const dumps: Dump[] = [];
  // Reference mode strips tuning, so scenarios seeding the same objects and actions share one reference run.
  const seen = new Set<string>();
  for (const { scenario } of scenarios) {
    const key = stableStringify([
      scenario.environmentState ?? null,
      actionsOf(scenario),
      scenario.tuning?.maxDepth ?? null,
    ]);
    if (seen.has(key)) continue;
    seen.add(key);
    dumps.push(...(await opts.embedded.reference(def, scenario)));
  }
  const rel = relativeToWorkspace(opts.root, definitionFile);
  const model = embeddedControllers(def, observeControllers(dumps), rel);
  if (scenarios.length === 0)
    model.issues.push({
      path: "scenarios",
      message:
        "no scenarios to run: writes were not observed (add a scenario or project examples, then re-map)",
      severity: "warning",
    });
  const generatedFrom = [
    rel,
    ...[...new Set(scenarios.map((s) => s.file))].map((f) => relativeToWorkspace(opts.root, f)),
  ];
  return { facts: { ...model, source: "embedded" as const, generatedFrom }, scenarios };
}

async function mapGo(goDir: string, scenarioFiles: string[], registered?: string[]) {
  const out = await extractGoSurface(goDir);
  const model = goControllerModel(out);
  for (const id of registered ?? [])
    if (!model.controllers.some((c) => c.id === id))
      model.issues.push({
        path: "project.json:controllers",
        message: `controller "${id}" is registered in project.json but was not found in the Go source`,
        severity: "warning",
      });
  const facts = { ...model, source: "go" as const, generatedFrom: [goDir] };
  return { facts, scenarios: readScenarios(scenarioFiles) };
}

/** Build, check and write the surface map of a project (the `map` phase). */
export async function mapProject(opts: MapOptions): Promise<MapResult> {
  const paths = projectPaths(opts.root, opts.project);
  let built: { facts: Omit<SurfaceFacts, "project">; scenarios: Array<{ file: string; scenario: Scenario }> };
  if (opts.goDir) {
    built = await mapGo(path.resolve(opts.goDir), scenarioFiles(paths.scenarios));
  } else {
    const found = discoverProject(opts.root, opts.project);
    if (found.kind === "embedded") built = await mapEmbedded(opts, found.definitionFile, found.scenarios);
    else {
      const pj = parseProjectJson(fs.readFileSync(found.definitionFile, "utf8"), found.definitionFile);
      if (!pj.source?.repo)
        throw new CtrlhuntError(
          "CTRLHUNT_PROJECT_INVALID",
          `${found.definitionFile}: source.repo is needed to map a Go project (or pass --go <dir>)`,
          {
            issues: [
              {
                file: found.definitionFile,
                path: "source.repo",
                message: "missing: the Go source to map (or pass --go <dir>)",
              },
            ],
          },
        );
      built = await mapGo(
        path.resolve(path.dirname(found.definitionFile), pj.source.repo),
        found.scenarios,
        pj.controllers,
      );
    }
  }
  const map = assembleSurfaceMap({ project: opts.project, ...built.facts });
  map.issues.push(...unknownControllerRefs(map, built.scenarios, opts.root));
  const file = opts.output ?? paths.surfaceMap;
  withLockSync(workspacePaths(opts.root).lock, () => writeRecord(SurfaceMap, file, map));
  return { map, file, errors: map.issues.filter((i) => i.severity === "error") };
}

/** The stored surface map of a project, if `map` has run. */
export function readSurfaceMap(root: string, project: string): SurfaceMap | undefined {
  const file = projectPaths(root, project).surfaceMap;
  return fs.existsSync(file) ? readRecord(SurfaceMap, file) : undefined;
}
