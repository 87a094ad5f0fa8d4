import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const REPO = path.resolve(import.meta.dirname, "../..");

/**
 * A fresh workspace in a temp folder holding copies of bundled projects (and the shared model helpers they
 * import), so a test can hunt, kill and resume without touching the repository's own evidence.
 */
export function tempWorkspace(projects: string[]): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "ctrlhunt-ws-"));
  fs.writeFileSync(path.join(root, "package.json"), '{ "type": "module" }\n');
  for (const p of [...projects, "_shared"]) {
    const from = path.join(REPO, "projects", p);
    if (!fs.existsSync(from)) continue;
    fs.cpSync(from, path.join(root, "projects", p), {
      recursive: true,
      filter: (src) => !/-hypothesis-\d+\.json$/.test(src) && !src.endsWith("surface-map.json"),
    });
  }
  fs.mkdirSync(path.join(root, "hypotheses"));
  fs.mkdirSync(path.join(root, "evidence"));
  return root;
}

export const BIN = path.join(REPO, "bin", "ctrlhunt.js");
