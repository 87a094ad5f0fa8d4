import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { CtrlhuntError } from "../../errors/index.ts";
import { parseProjectJson } from "../../formats/project-json.ts";
import { AuthorDimension, annotationOf } from "../../formats/scenario-annotation.ts";
import { checkWorkflowText } from "../../formats/workflow-io.ts";
import { authorScenarios } from "../../phases/author/index.ts";
import { authorAccess, embeddedAccess } from "../../phases/engine-access.ts";
import { formatSurfaceSummary, mapProject, readSurfaceMap } from "../../phases/map/index.ts";
import { discoverProject, projectPaths, relativeToWorkspace, scenarioFiles } from "../../workspace/index.ts";
import { defineTool, type ToolEnv } from "./tool.ts";

export const surfaceMapTool = defineTool({
  name: "surface_map",
  description:
    "The project's surface map (controllers with triggers, reads, writes per reconcile; kinds and roles; data flows; multi-write reconciles; shared state; vulnerability windows; contract issues).",
  input: z.strictObject({}),
  run: async (_input, env) =>
    readSurfaceMap(env.root, env.project) ?? { present: false, hint: "no surface map yet: call map_project" },
});

export const listScenariosTool = defineTool({
  name: "list_scenarios",
  description:
    "Scenario files of the project (variants included): each scenario's name, its annotation (pattern, window) and which tuning knobs it sets.",
  input: z.strictObject({}),
  run: async (_input, env) =>
    scenarioFiles(projectPaths(env.root, env.project).scenarios, { variants: true }).map((file) => {
      const res = checkWorkflowText(fs.readFileSync(file, "utf8"), file);
      const rel = relativeToWorkspace(env.root, file);
      if (!res.ok) return { file: rel, invalid: res.issues.map((i) => `${i.path}: ${i.message}`) };
      return {
        file: rel,
        scenarios: res.workflow.map((s) => ({
          name: s.name,
          tuning: Object.keys(s.tuning ?? {}).filter((k) => (s.tuning as Record<string, unknown>)[k] != null),
          ...(annotationOf(s) ? { pattern: annotationOf(s)?.pattern, window: annotationOf(s)?.window } : {}),
        })),
      };
    }),
});

export const mapProjectTool = defineTool({
  name: "map_project",
  description:
    "Build (or rebuild) the surface map: for embedded projects from the definitions plus writes observed in reference runs; for Go projects from controller-runtime wiring. Writes projects/<p>/surface-map.json.",
  input: z.strictObject({}),
  run: async (_input, env) => {
    const res = await mapProject({ root: env.root, project: env.project, embedded: embeddedAccess() });
    return {
      file: relativeToWorkspace(env.root, res.file),
      summary: formatSurfaceSummary(res.map, res.file),
      issues: res.map.issues,
    };
  },
});

export const authorScenariosTool = defineTool({
  name: "author_scenarios",
  description:
    "Generate annotated scenarios from the surface map (baseline, ordering, staleness, fault-injection, user-action-timing); never overwrites; returns the files written and the targets skipped with reasons.",
  input: z.strictObject({
    dimensions: z.array(AuthorDimension).optional().describe("default: all"),
    dryRun: z.boolean().optional(),
  }),
  run: async (input, env) =>
    authorScenarios({
      root: env.root,
      project: env.project,
      dimensions: input.dimensions,
      dryRun: input.dryRun,
      access: authorAccess(env.root, env.project),
    }),
});

/** Folders a source read may touch: the project folder and (kamera projects) its source.repo. */
function sourceRoots(env: ToolEnv): { project: string; source?: string } {
  const found = discoverProject(env.root, env.project);
  const project = path.dirname(found.definitionFile);
  if (found.kind !== "kamera") return { project };
  const pj = parseProjectJson(fs.readFileSync(found.definitionFile, "utf8"), found.definitionFile);
  return { project, ...(pj.source?.repo ? { source: path.resolve(project, pj.source.repo) } : {}) };
}

function inside(file: string, dir: string): boolean {
  const rel = path.relative(dir, file);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}

export const readSourceTool = defineTool({
  name: "read_source",
  description:
    "Read a file of the project (controllers, scenarios, README) or, for kamera projects, of its source repository. Paths are relative to the chosen root and cannot leave it. Returns numbered lines.",
  input: z.strictObject({
    path: z.string().min(1).describe("file path relative to the root"),
    root: z
      .enum(["project", "source"])
      .optional()
      .describe("project folder (default) or the Go source repository"),
    startLine: z.number().int().min(1).optional(),
    maxLines: z.number().int().min(1).max(1000).optional().describe("default 400"),
  }),
  run: async (input, env) => {
    const roots = sourceRoots(env);
    const base = input.root === "source" ? roots.source : roots.project;
    if (!base)
      throw new CtrlhuntError(
        "CTRLHUNT_USAGE",
        "this project has no source repository (root must be project)",
      );
    const target = path.resolve(base, input.path);
    if (!inside(target, base) || !fs.existsSync(target))
      throw new CtrlhuntError(
        "CTRLHUNT_NOT_FOUND",
        `${input.path}: no such file under the ${input.root ?? "project"} root`,
      );
    // Resolve symlinks before the containment check so a link cannot lead outside.
    const real = fs.realpathSync(target);
    if (!inside(real, fs.realpathSync(base)) || !fs.statSync(real).isFile())
      throw new CtrlhuntError(
        "CTRLHUNT_USAGE",
        `${input.path}: not a file inside the ${input.root ?? "project"} root`,
      );
    const lines = fs.readFileSync(real, "utf8").split("\n");
    const start = (input.startLine ?? 1) - 1;
    const shown = lines.slice(start, start + (input.maxLines ?? 400));
    return {
      file: path.relative(base, real).split(path.sep).join("/"),
      totalLines: lines.length,
      text: shown.map((l, i) => `${start + i + 1}: ${l}`).join("\n"),
    };
  },
});
