import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const RELATIVE_IMPORT = /(?:from|import)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g;

/**
 * sha256 over the source of a TypeScript project: project.ts and every file it reaches through relative imports
 * (shared model helpers included), in path order. It names the revision of the controllers a run explored —
 * stable across commits of the surrounding repository, changed by any edit of the model.
 */
export function modelDigest(entry: string): string {
  const seen = new Set<string>();
  const queue = [path.resolve(entry)];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file) || !fs.existsSync(file)) continue;
    seen.add(file);
    const text = fs.readFileSync(file, "utf8");
    for (const m of text.matchAll(RELATIVE_IMPORT))
      queue.push(path.resolve(path.dirname(file), m[1] as string));
  }
  const root = path.dirname(path.resolve(entry));
  const hash = createHash("sha256");
  for (const file of [...seen].sort()) {
    hash.update(`${path.relative(root, file).split(path.sep).join("/")}\n`);
    hash.update(fs.readFileSync(file));
  }
  return hash.digest("hex");
}
