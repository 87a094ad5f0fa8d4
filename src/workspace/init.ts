import fs from "node:fs";
import path from "node:path";
import { CtrlhuntError } from "../errors/index.ts";

/** Where the bundled investigation targets live (projects/ of the installed ctrlhunt). */
export const BUNDLED_PROJECTS = path.resolve(import.meta.dirname, "../../projects");

/**
 * Bundled projects (folders with project.ts or project.json); `_shared` holds their common model helpers. A Go
 * target that is its own Go module (go.mod next to project.json) builds against this repository's harness kit
 * (harness/kamera) by relative path, so it is not copied into other workspaces: `npm run test:kamera` hunts it.
 */
export function bundledProjects(dir = BUNDLED_PROJECTS): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith("_"))
    .filter((e) => ["project.ts", "project.json"].some((f) => fs.existsSync(path.join(dir, e.name, f))))
    .filter((e) => !fs.existsSync(path.join(dir, e.name, "go.mod")))
    .map((e) => e.name)
    .sort();
}

/** Generated files are not copied: the new workspace's own hunt writes them. */
const generated = (file: string) => /-hypothesis-\d+\.json$/.test(file) || file.endsWith("surface-map.json");

export interface InitResult {
  root: string;
  copied: string[];
  created: string[];
}

/**
 * `ctrlhunt init`: a workspace (projects/, hypotheses/, evidence/, package.json marking ESM so project.ts files
 * load as modules), optionally seeded with bundled projects. Never overwrites an existing project.
 */
export function initWorkspace(root: string, opts: { with?: string[]; from?: string } = {}): InitResult {
  const from = opts.from ?? BUNDLED_PROJECTS;
  const known = bundledProjects(from);
  const unknown = (opts.with ?? []).filter((p) => !known.includes(p));
  if (unknown.length > 0)
    throw new CtrlhuntError(
      "CTRLHUNT_PROJECT_NOT_FOUND",
      `no bundled project ${unknown.map((u) => `"${u}"`).join(", ")}; bundled: ${known.join(", ")}`,
    );
  const created: string[] = [];
  for (const d of ["projects", "hypotheses", "evidence"]) {
    const dir = path.join(root, d);
    if (!fs.existsSync(dir)) {
      fs.mkdirSync(dir, { recursive: true });
      created.push(`${d}/`);
    }
  }
  const pkg = path.join(root, "package.json");
  if (!fs.existsSync(pkg)) {
    fs.writeFileSync(pkg, `${JSON.stringify({ private: true, type: "module" }, null, 2)}\n`);
    created.push("package.json");
  }
  const copied: string[] = [];
  const wanted = opts.with ?? [];
  for (const name of wanted.length > 0 ? [...wanted, "_shared"] : []) {
    const src = path.join(from, name);
    const dst = path.join(root, "projects", name);
    if (!fs.existsSync(src) || fs.existsSync(dst)) continue;
    fs.cpSync(src, dst, { recursive: true, filter: (f) => !generated(f) });
    copied.push(`projects/${name}`);
  }
  return { root, copied, created };
}
