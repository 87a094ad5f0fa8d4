import fs from "node:fs";
import path from "node:path";
import { CtrlhuntError } from "../../errors/index.ts";
import { parseProjectJson, type ProjectJson, splitCommand } from "../../formats/project-json.ts";
import { projectPaths } from "../../workspace/index.ts";

/** A kamera target resolved for running: absolute paths, the command as an argument array. */
export interface KameraProject {
  name: string;
  /** project.json, absolute. */
  file: string;
  spec: ProjectJson;
  program: string;
  fixedArgs: string[];
  cwd: string;
  env: Record<string, string>;
  /** Controller source checkout, absolute (provenance). */
  sourceRepo?: string;
}

/** Resolve a parsed project.json against its folder (relative cwd and source.repo are project-relative). */
export function resolveKameraProject(name: string, file: string, spec: ProjectJson): KameraProject {
  const dir = path.dirname(path.resolve(file));
  const [program, ...fixedArgs] = splitCommand(spec.harness.command);
  if (program === undefined) {
    throw new CtrlhuntError("CTRLHUNT_PROJECT_INVALID", `${file}: harness.command is empty`, {
      issues: [{ file, path: "harness.command", message: "needs at least the program" }],
    });
  }
  const cwd = path.resolve(dir, spec.harness.cwd ?? ".");
  if (!fs.existsSync(cwd) || !fs.statSync(cwd).isDirectory()) {
    throw new CtrlhuntError("CTRLHUNT_PROJECT_INVALID", `${file}: harness.cwd ${cwd} is not a folder`, {
      issues: [{ file, path: "harness.cwd", message: `${cwd} is not a folder` }],
    });
  }
  return {
    name,
    file: path.resolve(file),
    spec,
    // A relative program path with a slash is taken relative to the harness cwd, as a shell would.
    program: program.includes("/") ? path.resolve(cwd, program) : program,
    fixedArgs,
    cwd,
    env: spec.harness.env ?? {},
    sourceRepo: spec.source ? path.resolve(dir, spec.source.repo) : undefined,
  };
}

/** Load projects/<name>/project.json of a workspace. */
export function loadKameraProject(root: string, name: string): KameraProject {
  const file = projectPaths(root, name).projectJson;
  if (!fs.existsSync(file)) {
    throw new CtrlhuntError("CTRLHUNT_PROJECT_NOT_FOUND", `project "${name}" has no ${file}`);
  }
  return resolveKameraProject(name, file, parseProjectJson(fs.readFileSync(file, "utf8"), file));
}
