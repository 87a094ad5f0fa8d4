import fs from "node:fs";
import path from "node:path";
import { importUserModule, loadEmbeddedProject } from "../engine/index.ts";
import { CtrlhuntError, formatPath } from "../errors/index.ts";
import { acceptedInvariants } from "../evidence/index.ts";
import { type ProjectChecks, ProjectChecksShape } from "../invariants/index.ts";
import { discoverProject } from "../workspace/index.ts";

/** A Go (kamera) project's invariants and masks live in this file beside project.json. */
export const CHECKS_FILE = "checks.ts";

function validated(value: unknown, file: string): ProjectChecks {
  const r = ProjectChecksShape.safeParse(value ?? {});
  if (r.success) return r.data as ProjectChecks;
  const issues = r.error.issues.map((i) => ({ file, path: formatPath(i.path), message: i.message }));
  const first = issues[0] as (typeof issues)[number];
  throw new CtrlhuntError("CTRLHUNT_PROJECT_INVALID", `${file}: ${first.path}: ${first.message}`, { issues });
}

/**
 * I/O edge: what judges a project — its invariants, masks and disabled built-ins. Embedded projects declare them in
 * project.ts; kamera projects in checks.ts (`export default defineChecks({...})`); accepted invariant records join
 * them; none of these ⇒ built-ins only.
 */
export async function loadProjectChecks(root: string, project: string): Promise<ProjectChecks> {
  const declared = await declaredChecks(root, project);
  // Invariants a person accepted (`ctrlhunt invariant accept`) judge like declared ones.
  const accepted = acceptedInvariants(root, project);
  if (accepted.length === 0) return declared;
  const names = new Set((declared.invariants ?? []).map((i) => i.name));
  return {
    ...declared,
    invariants: [...(declared.invariants ?? []), ...accepted.filter((i) => !names.has(i.name))],
  };
}

async function declaredChecks(root: string, project: string): Promise<ProjectChecks> {
  const found = discoverProject(root, project);
  if (found.kind === "embedded") {
    const def = await loadEmbeddedProject(found.definitionFile);
    return { invariants: def.invariants, masks: def.masks, disableBuiltins: def.disableBuiltins };
  }
  const file = path.join(path.dirname(found.definitionFile), CHECKS_FILE);
  if (!fs.existsSync(file)) return {};
  const mod = await importUserModule(file);
  return validated(mod.default ?? mod.checks, file);
}
