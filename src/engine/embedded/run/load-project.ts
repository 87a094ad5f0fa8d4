import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { z } from "zod";
import { CtrlhuntError, formatPath, type Issue } from "../../../errors/index.ts";
import { ProjectChecksShape } from "../../../invariants/schema.ts";
import type { ProjectDefinition } from "../api.ts";
import { RESERVED_IDS } from "../step/index.ts";
import { ensureProjectLoader } from "./project-loader.ts";

const fn = z.custom<(...args: unknown[]) => unknown>((v) => typeof v === "function", "must be a function");
const kind = z
  .string()
  .regex(
    /^[^/\s]+\/[^/\s]+$/,
    "must be a canonical kind `group/Kind` without version (e.g. core/Pod, apps/Deployment)",
  );

const ControllerShape = z.looseObject({
  id: z.string().min(1, "id must be a non-empty string"),
  for: kind,
  owns: z.array(kind).optional(),
  watches: z.array(z.looseObject({ kind, map: fn.optional() })).optional(),
  reads: z.array(kind).optional(),
  reconcile: fn,
  onCrash: fn.optional(),
  onFork: fn.optional(),
});

const ProjectShape = z.looseObject({
  name: z.string().min(1, "name must be a non-empty string"),
  controllers: z.array(ControllerShape).min(1, "a project needs at least one controller"),
  ...ProjectChecksShape.shape,
});

const sourceFiles = new WeakMap<ProjectDefinition, string>();

/** The project.ts a definition was loaded from (worker threads re-import it), if known. */
export function projectSourceFile(def: ProjectDefinition): string | undefined {
  return sourceFiles.get(def);
}

/** A definition derived from a loaded one (wrapped controllers) keeps the loaded one's project.ts. */
export function rememberSource(def: ProjectDefinition, file: string): ProjectDefinition {
  sourceFiles.set(def, file);
  return def;
}

/** Check a definition's shape; every problem names the file and the field. */
export function validateProject(def: unknown, file = "<project>"): ProjectDefinition {
  const r = ProjectShape.safeParse(def);
  const issues: Issue[] = r.success
    ? []
    : r.error.issues.map((i) => ({ file, path: formatPath(i.path), message: i.message }));
  if (r.success) {
    const seen = new Set<string>();
    r.data.controllers.forEach((c, i) => {
      if (RESERVED_IDS.has(c.id))
        issues.push({ file, path: `controllers[${i}].id`, message: `"${c.id}" is reserved for the engine` });
      if (seen.has(c.id))
        issues.push({ file, path: `controllers[${i}].id`, message: `duplicate controller id "${c.id}"` });
      seen.add(c.id);
    });
  }
  if (issues.length) {
    throw new CtrlhuntError("CTRLHUNT_PROJECT_INVALID", `${file}: ${issues[0].path}: ${issues[0].message}`, {
      issues,
    });
  }
  return def as ProjectDefinition;
}

/** Query marker under which "ctrlhunt" resolves to the full public API (bin/self-resolve.mjs). */
const FULL_API = "ctrlhunt-api=full";

/** A model that imports from "ctrlhunt" something beyond the authoring API fails to link against model-api.ts. */
const needsFullApi = (e: unknown) =>
  e instanceof SyntaxError && /does not provide an export named/.test(e.message);

/** Import a user's TypeScript module (project.ts, checks.ts); a failure names the file, never a stack trace. */
export async function importUserModule(abs: string): Promise<Record<string, unknown>> {
  await ensureProjectLoader();
  const url = pathToFileURL(abs).href;
  try {
    try {
      return (await import(url)) as Record<string, unknown>;
    } catch (e) {
      if (!needsFullApi(e)) throw e;
      return (await import(`${url}#${FULL_API}`)) as Record<string, unknown>;
    }
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    throw new CtrlhuntError("CTRLHUNT_PROJECT_INVALID", `${abs}: cannot load: ${msg}`, {
      issues: [{ file: abs, path: "", message: `cannot load: ${msg}` }],
      cause: e,
    });
  }
}

/** Import a project.ts (default export of defineProject, or a named `project` export) and validate it. */
export async function loadEmbeddedProject(file: string): Promise<ProjectDefinition> {
  const abs = path.resolve(file);
  if (!fs.existsSync(abs))
    throw new CtrlhuntError("CTRLHUNT_PROJECT_NOT_FOUND", `project file ${abs} does not exist`);
  const mod = await importUserModule(abs);
  const exported = mod.default ?? mod.project;
  if (exported === undefined) {
    const message = "no default export: end the file with `export default defineProject({ ... })`";
    throw new CtrlhuntError("CTRLHUNT_PROJECT_INVALID", `${abs}: ${message}`, {
      issues: [{ file: abs, path: "default", message }],
    });
  }
  const def = validateProject(exported, abs);
  sourceFiles.set(def, abs);
  return def;
}
