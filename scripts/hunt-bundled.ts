/**
 * Hunt every bundled project of a workspace, offline, in a fixed order and at a fixed instant, so the generated
 * records and documents are reproducible byte for byte.
 *   npm run regen:evidence      (this repository: removes what hunt generated, then hunts again)
 *   node --import ./bin/register.mjs scripts/hunt-bundled.ts <workspace> [--clean]
 */
import fs from "node:fs";
import path from "node:path";
import { runHunt } from "../src/phases/hunt/index.ts";
import { bundledProjects, clockFromEnv } from "../src/workspace/index.ts";

/** 2026-01-01T00:00:00Z: the instant every generated record of the bundled targets carries. */
export const BUNDLED_EPOCH = "1767225600";

export async function huntBundled(root: string): Promise<string[]> {
  const clock = clockFromEnv({ SOURCE_DATE_EPOCH: BUNDLED_EPOCH });
  const lines: string[] = [];
  // Embedded targets only: Go targets need Go and kamera (npm run test:kamera hunts them).
  const embedded = bundledProjects(path.join(root, "projects")).filter((p) =>
    fs.existsSync(path.join(root, "projects", p, "project.ts")),
  );
  for (const project of embedded) {
    const s = await runHunt({ root, project, clock });
    lines.push(`${project}: ${JSON.stringify(s.findings)}`);
  }
  return lines;
}

/** Files a hunt generates in a workspace (records, documents, variants, surface maps), workspace-relative. */
export function generatedFiles(root: string): string[] {
  const out: string[] = [];
  for (const top of ["evidence", "hypotheses", "projects"]) {
    const dir = path.join(root, top);
    if (!fs.existsSync(dir)) continue;
    for (const e of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
      if (!e.isFile()) continue;
      const rel = path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join("/");
      if (top !== "projects" || /-hypothesis-\d+\.json$|surface-map\.json$/.test(rel)) out.push(rel);
    }
  }
  return out.sort();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const root = path.resolve(args.find((a) => !a.startsWith("--")) ?? path.join(import.meta.dirname, ".."));
  if (args.includes("--clean")) {
    // Whole folders, not only files: empty run folders would still hold their R<n> numbers.
    for (const f of generatedFiles(root)) fs.rmSync(path.join(root, f));
    for (const top of ["evidence", "hypotheses"])
      for (const e of fs.readdirSync(path.join(root, top))) fs.rmSync(path.join(root, top, e), { recursive: true });
  }
  for (const line of await huntBundled(root)) console.log(line);
}
