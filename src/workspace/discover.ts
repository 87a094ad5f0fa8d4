import fs from "node:fs";
import path from "node:path";
import { CtrlhuntError } from "../errors/index.ts";
import { projectPaths } from "./paths.ts";

export type ProjectKind = "embedded" | "kamera";

export interface DiscoveredProject {
  name: string;
  kind: ProjectKind;
  /** project.ts for embedded targets, project.json for kamera targets. */
  definitionFile: string;
  scenarios: string[];
}

/** The nearest folder at or above `start` that has a projects/ folder (the workspace root). */
export function findWorkspaceRoot(start: string): string {
  let dir = path.resolve(start);
  for (;;) {
    if (fs.existsSync(path.join(dir, "projects")) && fs.statSync(path.join(dir, "projects")).isDirectory())
      return dir;
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new CtrlhuntError(
        "CTRLHUNT_WORKSPACE_NOT_FOUND",
        `no ctrlhunt workspace (a folder with projects/) at or above ${start}; pass --workspace <dir>`,
      );
    }
    dir = parent;
  }
}

/** Base scenario files of a project (variants `-hypothesis-N` excluded unless asked), sorted. */
export function scenarioFiles(dir: string, opts: { variants?: boolean } = {}): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .filter((f) => opts.variants || !/-hypothesis-\d+\.json$/.test(f))
    .sort()
    .map((f) => path.join(dir, f));
}

/** Project names are folder names that are safe in paths, IDs and shell commands (no spaces, `;`, leading `-`). */
const PROJECT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export function isProjectName(name: string): boolean {
  return PROJECT_NAME.test(name);
}

const nameRule = "letters, digits, `.`, `_` and `-`, starting with a letter or digit";

export function discoverProject(root: string, name: string): DiscoveredProject {
  if (!isProjectName(name))
    throw new CtrlhuntError(
      "CTRLHUNT_PROJECT_INVALID",
      `project folder "${name}" cannot be a project name (${nameRule}); rename projects/${name}`,
    );
  const p = projectPaths(root, name);
  const scenarios = scenarioFiles(p.scenarios);
  if (fs.existsSync(p.projectTs)) return { name, kind: "embedded", definitionFile: p.projectTs, scenarios };
  if (fs.existsSync(p.projectJson)) return { name, kind: "kamera", definitionFile: p.projectJson, scenarios };
  const known = listProjects(root).map((d) => d.name);
  throw new CtrlhuntError(
    "CTRLHUNT_PROJECT_NOT_FOUND",
    `project "${name}" not found in ${path.join(root, "projects")} (needs project.ts or project.json)` +
      (known.length ? `; known projects: ${known.join(", ")}` : ""),
  );
}

function projectFolders(root: string): string[] {
  const dir = path.join(root, "projects");
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name);
}

/** Folders under projects/ whose names cannot be project names: skipped everywhere, named by `lint`. */
export function invalidProjectFolders(root: string): string[] {
  return projectFolders(root)
    .filter((n) => !isProjectName(n))
    .sort();
}

/** The workspace's projects; a folder with an unusable name is skipped (one bad folder never breaks the rest). */
export function listProjects(root: string): DiscoveredProject[] {
  return projectFolders(root)
    .filter(isProjectName)
    .sort()
    .flatMap((name) => {
      try {
        return [discoverProject(root, name)];
      } catch {
        return [];
      }
    });
}
