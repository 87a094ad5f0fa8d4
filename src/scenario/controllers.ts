import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { z } from "zod";
import { parseJsonText } from "../formats/json-text.ts";
import { discoverProject, projectPaths } from "../workspace/index.ts";
import type { ControllerFacts } from "./lint/types.ts";

/**
 * The controller IDs (and the kinds each reads) that lint checks tuning against. Source order: the embedded
 * project via the engine's loadEmbeddedProject, else projects/<p>/surface-map.json, else nothing is known.
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

const engineIndex = fileURLToPath(new URL("../engine/index.ts", import.meta.url));

/** The engine's loader, when the engine module exists (it is optional to this module). */
async function engineLoader(): Promise<
  ((file: string) => Promise<{ controllers: ControllerShape[] }>) | undefined
> {
  if (!fs.existsSync(engineIndex)) return undefined;
  const mod = (await import(pathToFileURL(engineIndex).href)) as { loadEmbeddedProject?: unknown };
  return typeof mod.loadEmbeddedProject === "function"
    ? (mod.loadEmbeddedProject as (file: string) => Promise<{ controllers: ControllerShape[] }>)
    : undefined;
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
  if (found.kind === "embedded") {
    const load = await engineLoader();
    if (load) return factsOf(project, "project.ts", (await load(found.definitionFile)).controllers);
  }
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
