import fs from "node:fs";
import { loadEmbeddedProject } from "../engine/index.ts";
import { parseProjectJson } from "../formats/project-json.ts";
import type { HypothesisType } from "../formats/records.ts";
import { SurfaceMap } from "../formats/surface-map.ts";
import { discoverProject, projectPaths, readRecord } from "../workspace/index.ts";

/** What preflight needs to know about a project: its registered controllers and the kinds each depends on. */
export interface ProjectFacts {
  engine: "embedded" | "kamera";
  /** Hypothesis types a kamera harness declares it can run (project.json `perturbations`); undefined: every type. */
  runnable?: HypothesisType[];
  registered?: string[];
  dependencies?: Record<string, string[]>;
}

const uniq = (xs: Array<string | null | undefined>) =>
  [...new Set(xs.filter((x): x is string => !!x))].sort();

/** I/O edge: an embedded project's definitions, else a kamera project's surface map (when `map` wrote one). */
export async function loadProjectFacts(root: string, project: string): Promise<ProjectFacts> {
  const found = discoverProject(root, project);
  if (found.kind === "embedded") {
    const def = await loadEmbeddedProject(found.definitionFile);
    return {
      engine: "embedded",
      registered: def.controllers.map((c) => c.id).sort(),
      dependencies: Object.fromEntries(
        def.controllers.map((c) => [
          c.id,
          uniq([c.for, ...(c.owns ?? []), ...(c.watches ?? []).map((w) => w.kind), ...(c.reads ?? [])]),
        ]),
      ),
    };
  }
  const runnable = parseProjectJson(
    fs.readFileSync(found.definitionFile, "utf8"),
    found.definitionFile,
  ).perturbations;
  const mapFile = projectPaths(root, project).surfaceMap;
  if (!fs.existsSync(mapFile)) return { engine: "kamera", runnable };
  const map = readRecord(SurfaceMap, mapFile);
  const controllers = map.controllers.filter((c) => c.registered !== false);
  return {
    engine: "kamera",
    runnable,
    registered: controllers.map((c) => c.id).sort(),
    dependencies: Object.fromEntries(
      controllers.map((c) => [
        c.id,
        uniq([c.for, ...c.owns, ...c.watches.map((w) => w.kind), ...c.reads.map((r) => r.kind)]),
      ]),
    ),
  };
}
