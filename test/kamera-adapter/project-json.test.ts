import { describe, expect, it } from "vitest";
import { CtrlhuntError, type Issue } from "../../src/errors/index.ts";
import { parseProjectJson, splitCommand } from "../../src/formats/project-json.ts";

function issuesOf(text: string): Issue[] {
  try {
    parseProjectJson(text, "projects/x/project.json");
  } catch (e) {
    if (e instanceof CtrlhuntError) return e.issues;
    throw e;
  }
  throw new Error("expected the project.json to be rejected");
}

describe("project.json for kamera targets", () => {
  it("accepts a command string or array with cwd, env, source and controllers", () => {
    const p = parseProjectJson(
      JSON.stringify({
        engine: "kamera",
        harness: { command: ["./kro-harness"], cwd: "../kamera/examples/kro", env: { GOFLAGS: "-mod=mod" } },
        source: { repo: "../kro" },
        controllers: ["InstanceController"],
      }),
      "project.json",
    );
    expect(p.harness.cwd).toBe("../kamera/examples/kro");
    expect(p.controllers).toEqual(["InstanceController"]);
  });

  it("names the file and the field of every problem", () => {
    const issues = issuesOf(JSON.stringify({ engine: "embedded", harness: { command: [], env: { A: 1 } } }));
    const where = issues.map((i) => `${i.file}:${i.path}`);
    expect(where).toContain("projects/x/project.json:engine");
    expect(where).toContain("projects/x/project.json:harness.command");
    expect(where).toContain("projects/x/project.json:harness.env.A");
  });

  it("takes the hypothesis types a harness can run, and names an unknown one", () => {
    const p = parseProjectJson(
      JSON.stringify({ engine: "kamera", harness: { command: "./h" }, perturbations: ["ordering"] }),
      "project.json",
    );
    expect(p.perturbations).toEqual(["ordering"]);
    const bad = issuesOf(
      JSON.stringify({ engine: "kamera", harness: { command: "./h" }, perturbations: ["warp"] }),
    );
    expect(bad.map((i) => `${i.file}:${i.path}`)).toEqual(["projects/x/project.json:perturbations[0]"]);
  });

  it("reports malformed JSON with line and column", () => {
    expect(issuesOf('{\n  "engine": "kamera",\n  "harness": }')[0].path).toMatch(/^3:\d+$/);
  });

  it("splits a command string on whitespace, keeping quoted words whole, without a shell", () => {
    expect(splitCommand(`go run . --explore-config="a b.json" 'x y'`)).toEqual([
      "go",
      "run",
      ".",
      "--explore-config=a b.json",
      "x y",
    ]);
    expect(splitCommand("./bin $HOME;rm")).toEqual(["./bin", "$HOME;rm"]);
  });
});
