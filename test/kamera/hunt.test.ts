import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { resolveCitation } from "../../src/analysis/index.ts";
import { lintWorkspace, openEvidenceStore } from "../../src/evidence/index.ts";
import { runHunt } from "../../src/phases/hunt/index.ts";
import { initWorkspace } from "../../src/workspace/index.ts";
import { buildHarnesses, REPO, tempDir } from "./twins.ts";

/**
 * A workspace holding the Go target as a user would: project.json, checks.ts and scenarios; the harness and the
 * Go source stay in the repository (cwd and source.repo point there).
 */
function goWorkspace(project: string): string {
  const root = tempDir("hunt");
  initWorkspace(root, {});
  const from = path.join(REPO, "projects", project);
  const to = path.join(root, "projects", project);
  fs.mkdirSync(to, { recursive: true });
  fs.cpSync(path.join(from, "scenarios"), path.join(to, "scenarios"), { recursive: true });
  fs.copyFileSync(path.join(from, "checks.ts"), path.join(to, "checks.ts"));
  copySiblingImports(path.join(from, "checks.ts"), root);
  const pj = JSON.parse(fs.readFileSync(path.join(from, "project.json"), "utf8"));
  pj.harness.cwd = from;
  pj.source.repo = from;
  fs.writeFileSync(path.join(to, "project.json"), `${JSON.stringify(pj, null, 2)}\n`);
  return root;
}

/**
 * checks.ts may share invariants with a sibling project (toggle-race-go reuses toggle-race's): a user's workspace
 * holds that sibling too, so copy every project directory a relative `../<project>/` import names.
 */
function copySiblingImports(checksFile: string, root: string): void {
  const source = fs.readFileSync(checksFile, "utf8");
  for (const m of source.matchAll(/from\s+["']\.\.\/([^/"']+)\//g)) {
    const sibling = m[1] as string;
    const dest = path.join(root, "projects", sibling);
    if (!fs.existsSync(dest)) fs.cpSync(path.join(REPO, "projects", sibling), dest, { recursive: true });
  }
}

beforeAll(() => buildHarnesses());

const CASES = [
  { project: "kratix-lite-go", mentions: "WorkPlacementController" },
  { project: "toggle-race-go", mentions: "BetaController" },
];

describe("ctrlhunt hunt on a Go target, on real kamera", () => {
  it.each(CASES)(
    "$project: confirms the planted race by ordering, with citations that resolve",
    async ({ project, mentions }) => {
      const root = goWorkspace(project);
      const summary = await runHunt({ root, project });
      expect(summary.stoppedAt).toBeUndefined();
      const store = openEvidenceStore(root);
      // The planner proposes only what this harness declares it can run (project.json perturbations: ordering).
      const types = new Set(store.listHypotheses(project).map((h) => h.type));
      expect([...types]).toEqual(["ordering"]);
      const confirmed = store.listFindings(project).filter((f) => f.status === "confirmed");
      expect(confirmed.length).toBeGreaterThan(0);
      for (const f of confirmed) {
        expect(f.dimensions).toContain("ordering");
        expect(f.citations.length).toBeGreaterThan(0);
        for (const c of f.citations) expect(resolveCitation(root, c)).toEqual({ ok: true });
      }
      expect(lintWorkspace(root).issues).toEqual([]);
      const analysis = fs.readFileSync(path.join(root, `evidence/${project}/ANALYSIS.md`), "utf8");
      expect(analysis).toContain(mentions);
      expect(fs.readFileSync(path.join(root, "evidence/BUG-FINDINGS.md"), "utf8")).toContain(project);
    },
  );
});
