import fs from "node:fs";
import path from "node:path";
import { glob } from "tinyglobby";
import type { Issue } from "../errors/index.ts";

/**
 * Command-line arguments → workflow files. An argument is a file, a folder (its `*.json` files, not recursive,
 * without `*.annotations.json` sidecars) or a glob (for shells that did not expand it). Paths stay as the user
 * wrote them, so issue lines point where the user looks.
 */
export interface ExpandedPaths {
  files: string[];
  problems: Issue[];
}

const GLOB_CHARS = /[*?[\]{}]/;

function isWorkflowName(name: string): boolean {
  return name.endsWith(".json") && !name.endsWith(".annotations.json");
}

export async function expandWorkflowPaths(args: readonly string[], cwd: string): Promise<ExpandedPaths> {
  const files: string[] = [];
  const problems: Issue[] = [];
  for (const arg of args) {
    const abs = path.resolve(cwd, arg);
    if (fs.existsSync(abs) && fs.statSync(abs).isDirectory()) {
      const inDir = fs
        .readdirSync(abs, { withFileTypes: true })
        .filter((e) => e.isFile() && isWorkflowName(e.name))
        .map((e) => path.join(arg, e.name))
        .sort();
      if (inDir.length === 0)
        problems.push({ file: arg, path: "", message: "folder has no *.json workflow files" });
      files.push(...inDir);
    } else if (fs.existsSync(abs)) {
      files.push(arg);
    } else if (GLOB_CHARS.test(arg)) {
      const matched = (await glob([arg], { cwd, onlyFiles: true, absolute: path.isAbsolute(arg) })).sort();
      if (matched.length === 0)
        problems.push({ file: arg, path: "", message: "no files match this pattern" });
      files.push(...matched);
    } else {
      problems.push({ file: arg, path: "", message: "no such file or folder" });
    }
  }
  return { files: [...new Set(files)], problems };
}
