import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadEmbeddedProject } from "../../src/engine/index.ts";
import { WorkflowFile } from "../../src/formats/workflow.ts";
import { ALL_PROJECTS, projectDir, projectFile, scenarioPath, TARGETS } from "./catalog.ts";

const PERTURBATIONS = [
  "permuteControllers",
  "stalenessIntervals",
  "faultInjection",
  "userActionReadyDepths",
  "search",
];

function scenarioFilesOf(project: string): string[] {
  return fs.readdirSync(path.join(projectDir(project), "scenarios")).filter((f) => f.endsWith(".json"));
}

describe("bundled project files", () => {
  it.each(ALL_PROJECTS)("%s has a README, a project.ts and only valid base scenarios", (project) => {
    expect(fs.existsSync(path.join(projectDir(project), "README.md"))).toBe(true);
    expect(fs.existsSync(path.join(projectDir(project), "project.ts"))).toBe(true);
    const files = scenarioFilesOf(project);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const parsed = WorkflowFile.safeParse(JSON.parse(fs.readFileSync(scenarioPath(project, file), "utf8")));
      expect(parsed.success, `${project}/${file}: ${parsed.error?.message}`).toBe(true);
      for (const s of parsed.data ?? []) {
        // Naming convention: file `<id>_<slug>.json` holds scenario `<id>/<slug>`.
        expect(`${s.name.replace("/", "_")}.json`).toBe(file);
        expect(s.tuning?.maxDepth, `${s.name} sets maxDepth`).toBeGreaterThan(0);
        // The pipeline must find the perturbation: a base scenario carries none.
        for (const key of PERTURBATIONS)
          expect(s.tuning?.[key as keyof typeof s.tuning], `${s.name}: ${key}`).toBeUndefined();
      }
    }
  });

  it.each(ALL_PROJECTS)("%s loads as an embedded project named after its folder", async (project) => {
    const def = await loadEmbeddedProject(projectFile(project));
    expect(def.name).toBe(project);
    expect(def.controllers.length).toBeGreaterThan(1);
    expect(def.upstream).toBeTruthy();
  });

  it.each(TARGETS.filter((t) => t.fixed))(
    "$fixed runs the very scenario of $project",
    ({ project, fixed, scenario }) => {
      const a = fs.readFileSync(scenarioPath(project, scenario), "utf8");
      const b = fs.readFileSync(scenarioPath(fixed as string, scenario), "utf8");
      expect(b).toBe(a);
    },
  );

  it("each README states the reference bug, the perturbation and the fix", () => {
    for (const { project } of TARGETS) {
      const text = fs.readFileSync(path.join(projectDir(project), "README.md"), "utf8");
      expect(text).toMatch(/## The real bug/);
      expect(text).toMatch(/## How ctrlhunt exposes it/);
      expect(text).toMatch(/## The fix/);
    }
  });
});
