import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CtrlhuntError } from "../../src/errors/index.ts";
import {
  discoverProject,
  findWorkspaceRoot,
  listProjects,
  projectPaths,
  relativeToWorkspace,
  scenarioFiles,
  variantFileName,
  workspacePaths,
} from "../../src/workspace/index.ts";

let root: string;
const touch = (rel: string, content = "") => {
  const file = path.join(root, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
};

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "ctrlhunt-ws-"));
  touch("projects/kro-lite/project.ts", "export default {}");
  touch("projects/kro-lite/scenarios/k2_fault.json", "[]");
  touch("projects/kro-lite/scenarios/k1_ordering.json", "[]");
  touch("projects/kro-lite/scenarios/k1_ordering-hypothesis-1.json", "[]");
  touch("projects/kro-lite/scenarios/notes.md", "");
  touch("projects/shop/project.json", "{}");
  touch("projects/half-done/README.md", "");
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

describe("workspace discovery", () => {
  it("finds the workspace root from any folder inside it", () => {
    expect(findWorkspaceRoot(path.join(root, "projects", "kro-lite", "scenarios"))).toBe(root);
    expect(() => findWorkspaceRoot(os.tmpdir())).toThrow(CtrlhuntError);
  });

  it("lists embedded (project.ts) and kamera (project.json) projects, skipping folders that are neither", () => {
    expect(listProjects(root).map((p) => [p.name, p.kind])).toEqual([
      ["kro-lite", "embedded"],
      ["shop", "kamera"],
    ]);
  });

  it("lists base scenarios sorted, variants only on request", () => {
    const p = discoverProject(root, "kro-lite");
    expect(p.scenarios.map((f) => path.basename(f))).toEqual(["k1_ordering.json", "k2_fault.json"]);
    expect(
      scenarioFiles(projectPaths(root, "kro-lite").scenarios, { variants: true }).map((f) =>
        path.basename(f),
      ),
    ).toEqual(["k1_ordering-hypothesis-1.json", "k1_ordering.json", "k2_fault.json"]);
  });

  it("names the known projects when one is missing", () => {
    try {
      discoverProject(root, "kro");
      expect.unreachable();
    } catch (e) {
      expect((e as CtrlhuntError).code).toBe("CTRLHUNT_PROJECT_NOT_FOUND");
      expect((e as Error).message).toMatch(/known projects: kro-lite, shop/);
    }
  });
});

describe("workspace paths", () => {
  it("lays out records as DESIGN.md says", () => {
    const ws = workspacePaths(root);
    const p = ws.project("kro-lite");
    expect(relativeToWorkspace(root, p.hypothesisFile("H3"))).toBe("hypotheses/kro-lite/H3.yaml");
    expect(relativeToWorkspace(root, p.findingFile("F1"))).toBe("evidence/kro-lite/findings/F1.json");
    expect(relativeToWorkspace(root, p.runDir("r1"))).toBe("evidence/kro-lite/runs/r1");
    expect(relativeToWorkspace(root, ws.rollup)).toBe("evidence/BUG-FINDINGS.md");
    expect(variantFileName("/w/projects/p/scenarios/k1_ordering.json", 2)).toBe(
      "/w/projects/p/scenarios/k1_ordering-hypothesis-2.json",
    );
  });
});
