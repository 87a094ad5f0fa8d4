import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { parseJsonText } from "../formats/json-text.ts";
import { discoverProject, projectPaths } from "../workspace/index.ts";
import type { ControllerFacts } from "./lint/types.ts";

/**
 * The controller IDs (and the kinds each reads) that lint checks tuning against: an embedded project's own
 * definition (via the engine's loadEmbeddedProject), else projects/<p>/surface-map.json (kamera targets),
 * else nothing is known and the controller checks are skipped.
 */

/** Reconcilers every explorer runs besides the project's own (kamera's cleanup; the embedded engine's GC). */
const BUILTIN_IDS = ["CleanupReconciler", "GarbageCollector"];

interface ControllerShape {
  id: string;
  for?: string | null;
  owns?: string[];
  watches?: { kind: string }[];
  reads?: (string | { kind: string })[];
}

function factsOf(project: string, source: ControllerFacts["source"], cs: ControllerShape[]): ControllerFacts {
  const own = cs.map((c) => ({
    id: c.id,
    kinds: [
      ...(c.for ? [c.for] : []),
      ...(c.owns ?? []),
      ...(c.watches ?? []).map((w) => w.kind),
      ...(c.reads ?? []).map((r) => (typeof r === "string" ? r : r.kind)),
    ],
  }));
  const builtins = BUILTIN_IDS.filter((id) => !own.some((c) => c.id === id)).map((id) => ({ id }));
  return { project, source, controllers: [...own, ...builtins] };
}

/** The engine is loaded lazily: only linting against an embedded project needs it. */
async function loadProjectControllers(file: string): Promise<ControllerShape[]> {
  const { loadEmbeddedProject } = await import("../engine/index.ts");
  return (await loadEmbeddedProject(file)).controllers.map((c) => ({
    id: c.id,
    for: c.for,
    owns: c.owns,
    watches: c.watches?.map((w) => ({ kind: w.kind })),
    reads: c.reads,
  }));
}

const SurfaceMapControllers = z.looseObject({
  controllers: z.array(
    z.looseObject({
      id: z.string(),
      for: z.string().nullish(),
      owns: z.array(z.string()).optional(),
      watches: z.array(z.looseObject({ kind: z.string() })).optional(),
      reads: z.array(z.union([z.string(), z.looseObject({ kind: z.string() })])).optional(),
    }),
  ),
});

/** Facts for `project` in the workspace at `root`; undefined when neither source exists. */
export async function loadControllerFacts(
  root: string,
  project: string,
): Promise<ControllerFacts | undefined> {
  const found = discoverProject(root, project);
  if (found.kind === "embedded")
    return factsOf(project, "project.ts", await loadProjectControllers(found.definitionFile));
  const mapFile = projectPaths(root, project).surfaceMap;
  if (!fs.existsSync(mapFile)) return undefined;
  const parsed = SurfaceMapControllers.safeParse(parseJsonText(fs.readFileSync(mapFile, "utf8"), mapFile));
  return parsed.success ? factsOf(project, "surface-map.json", parsed.data.controllers) : undefined;
}

/** `<root>/projects/<p>/scenarios/<file>` → { root, project }, when the file sits in a project's scenarios. */
export function projectOfFile(file: string): { root: string; project: string } | undefined {
  const parts = path.resolve(file).split(path.sep);
  const at = parts.lastIndexOf("scenarios");
  if (at < 3 || parts[at - 2] !== "projects") return undefined;
  return { root: parts.slice(0, at - 2).join(path.sep) || path.sep, project: parts[at - 1] as string };
}
