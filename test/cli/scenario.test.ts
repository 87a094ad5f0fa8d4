import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.ts";

const INPUTS = path.resolve(import.meta.dirname, "../formats/kamera-inputs");
const fixtureCount = fs.readdirSync(INPUTS).filter((f) => f.endsWith(".json")).length;
let dir: string;

const write = (name: string, content: unknown) => {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content, null, 2));
  return file;
};
const noStack = (s: string) => expect(s).not.toMatch(/\n\s+at .+:\d+:\d+/);

const pod = { apiVersion: "v1", kind: "Pod", metadata: { name: "w", namespace: "default" } };

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "ctrlhunt-scenario-cli-"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("ctrlhunt scenario validate", () => {
  it("accepts every real kamera input file (folder argument)", async () => {
    const r = await runCli(["scenario", "validate", INPUTS]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${fixtureCount} files valid`);
    expect(r.stdout).toMatch(/^ok .*karpenter-inputs-mc\.json \(1 scenario, G2\)$/m);
    expect(r.stdout).toMatch(/^ok .*kro__k6_deletion-flow\.json \(3 scenarios, G2\)$/m);
  });

  it("prints one file:json.path: message line per problem and exits 1, no stack trace", async () => {
    const bad = write("broken.json", [
      {
        name: "d1/x",
        environmentState: { objects: [pod] },
        tuning: {
          maxDepth: "deep",
          stalenessIntervals: [{ reconciler: "R", kind: "core/Pod", staleAt: 5, catchUpAt: 3, lag: -1 }],
        },
      },
    ]);
    const r = await runCli(
      ["scenario", "validate", "broken.json", path.join(INPUTS, "kro__k1_ordering-rgd-instance.json")],
      { cwd: dir },
    );
    expect(r.code).toBe(1);
    expect(r.stdout.split("\n")).toEqual(
      expect.arrayContaining([
        'broken.json:[0].tuning.maxDepth: expected a number, got string "deep"',
        "broken.json:[0].tuning.stalenessIntervals[0].catchUpAt: catchUpAt (3) must be greater than staleAt (5)",
        "2 files checked: 1 invalid, 2 problems",
      ]),
    );
    expect(fs.existsSync(bad)).toBe(true);
    noStack(r.stdout + r.stderr);
  });

  it("names line and column of malformed JSON", async () => {
    write("malformed.json", '[\n  { "name": "x",\n    "tuning": { "maxDepth": 3,, }\n  }\n]\n');
    const r = await runCli(["scenario", "validate", "malformed.json"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("malformed.json:3:31: malformed JSON: Expected double-quoted property name");
    noStack(r.stdout + r.stderr);
  });

  it("expands quoted globs, reports arguments that name nothing, and gives --json", async () => {
    write("globbed/a.json", [{ name: "a", externalInputs: [{ opType: "CREATE", object: pod }] }]);
    write("globbed/b.json", [{ name: "b", externalInputs: [{ opType: "CREATE", object: pod }] }]);
    const r = await runCli(["scenario", "validate", "globbed/*.json", "missing.json", "--json"], {
      cwd: dir,
    });
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.ok).toBe(false);
    expect(report.files.map((f: { file: string; ok: boolean }) => [f.file, f.ok])).toEqual([
      ["globbed/a.json", true],
      ["globbed/b.json", true],
    ]);
    expect(report.problems).toEqual([{ file: "missing.json", path: "", message: "no such file or folder" }]);
  });
});

describe("ctrlhunt scenario migrate", () => {
  const g1 = path.join(INPUTS, "crossplane__interval_composition-update-races-xr-fetch.json");

  it("-o writes a G2 file that validates; the change is reported", async () => {
    const r = await runCli(["scenario", "migrate", g1, "-o", "out/g2.json"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("[0].userInputs: renamed to externalInputs (1 action(s), type → opType)");
    expect(r.stderr).toMatch(/wrote out\/g2\.json \(G1 → G2, 1 change\)/);
    const migrated = JSON.parse(fs.readFileSync(path.join(dir, "out/g2.json"), "utf8"));
    expect(migrated[0].externalInputs[0].opType).toBe("UPDATE");
    expect(migrated[0]).not.toHaveProperty("userInputs");
    expect((await runCli(["scenario", "validate", "out/g2.json"], { cwd: dir })).code).toBe(0);
  });

  it("--in-place rewrites the file; without -o the migrated JSON goes to stdout", async () => {
    const copy = write("inplace.json", fs.readFileSync(g1, "utf8"));
    const piped = await runCli(["scenario", "migrate", "inplace.json"], { cwd: dir });
    expect(JSON.parse(piped.stdout)[0].externalInputs).toHaveLength(1);
    expect(fs.readFileSync(copy, "utf8")).toContain('"userInputs"'); // untouched so far
    const r = await runCli(["scenario", "migrate", "inplace.json", "--in-place", "--json"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      file: "inplace.json",
      output: "inplace.json",
      generationsBefore: ["G1"],
    });
    expect(fs.readFileSync(copy, "utf8")).toBe(piped.stdout);
  });

  it("warns that legacy staleReads are kept, and refuses invalid input or conflicting flags", async () => {
    const legacy = path.join(
      INPUTS,
      "crossplane__workflow_crossplane-deletion_composition-deleted-while-xr-bound-hypothesis-1.json",
    );
    const w = await runCli(["scenario", "migrate", legacy, "-o", "legacy.json"], { cwd: dir });
    expect(w.stderr).toMatch(/\[0\]\.tuning\.staleReads: warning: staleReads is deprecated and kept as is/);
    write("bad.json", "[]");
    const bad = await runCli(["scenario", "migrate", "bad.json"], { cwd: dir });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("bad.json:$: inputs file contains no scenarios");
    const both = await runCli(["scenario", "migrate", g1, "-o", "x.json", "--in-place"], { cwd: dir });
    expect(both.code).toBe(2);
    noStack(bad.stderr + both.stderr);
  });
});

describe("ctrlhunt scenario lint", () => {
  it("flags real problems in real files with severity and rule, exit 1 on errors", async () => {
    const r = await runCli(["scenario", "lint", INPUTS], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /artifact-section61__kcp4\.json:\[0\]\.tuning\.stalenessIntervals\[0\]\.kind: error: "APIExport" is not a canonical kind: .*use "apis\.kcp\.io\/APIExport" \[kind-not-canonical\]/,
    );
    expect(r.stdout).toMatch(/warning: .* \[legacy-staleness\]/);
    expect(r.stdout).toMatch(/^note: reconciler IDs not checked in \d+ file\(s\)/m);
    expect(r.stdout).toMatch(/^\d+ files: \d+ errors, \d+ warnings$/m);
  });

  it("reports a file that does not validate as schema errors, and lints the others", async () => {
    write("lint-bad.json", [{ name: "x", environmentState: { objects: [pod] }, tuning: { maxDepth: "10" } }]);
    const r = await runCli(
      ["scenario", "lint", "lint-bad.json", path.join(INPUTS, "kro__k3_staleness-spec-update.json")],
      { cwd: dir },
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      'lint-bad.json:[0].tuning.maxDepth: error: expected a number, got string "10" [schema]',
    );
    expect(r.stdout).toContain("2 files: 1 error, 3 warnings");
  });

  it("exits 0 when there are only warnings", async () => {
    const r = await runCli(["scenario", "lint", path.join(INPUTS, "kro__k3_staleness-spec-update.json")]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("1 file: 0 errors, 3 warnings");
  });

  it("checks reconciler IDs against the project's controllers (surface map), inferred from the file's place", async () => {
    const ws = path.join(dir, "ws");
    write("ws/projects/demo/project.json", { engine: "kamera", harness: { command: "true" } });
    write("ws/projects/demo/surface-map.json", {
      controllers: [{ id: "PodController", for: "core/Pod", owns: [], watches: [], reads: [] }],
    });
    write("ws/hypotheses/.keep", "");
    write("ws/evidence/.keep", "");
    write("ws/projects/demo/scenarios/d1_x.json", [
      {
        name: "d1/x",
        environmentState: { objects: [pod] },
        tuning: {
          permuteControllers: ["PodControler"],
          faultInjection: [{ reconciler: "Ghost", crashAfterEffect: 1 }],
        },
      },
    ]);
    const r = await runCli(["scenario", "lint", "projects/demo/scenarios/", "--json"], { cwd: ws });
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.files[0].controllers).toEqual({ project: "demo", source: "surface-map.json" });
    expect(
      report.files[0].issues.map((i: { path: string; message: string }) => `${i.path}: ${i.message}`),
    ).toEqual([
      expect.stringMatching(
        /^\[0\]\.tuning\.faultInjection\[0\]\.reconciler: "Ghost" is not a registered controller of demo/,
      ),
      expect.stringMatching(
        /^\[0\]\.tuning\.permuteControllers\[0\]: "PodControler" .*\(did you mean "PodController"\?\)/,
      ),
    ]);
    const named = await runCli([
      "scenario",
      "lint",
      path.join(INPUTS, "kro__k1_ordering-rgd-instance.json"),
      "--project",
      "demo",
      "--workspace",
      ws,
    ]);
    expect(named.stdout).toMatch(
      /"ResourceGraphDefinitionController" is not a registered controller of demo/,
    );
    const unknown = await runCli(["scenario", "lint", "projects/demo/scenarios/", "--project", "nope"], {
      cwd: ws,
    });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/project "nope" not found .*known projects: demo/);
  });
});

describe("ctrlhunt scenario schema and resolve", () => {
  it("prints a draft-07 JSON Schema generated from the zod schema, or writes it with -o", async () => {
    const r = await runCli(["scenario", "schema"]);
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.stdout);
    expect(schema.$schema).toBe("http://json-schema.org/draft-07/schema#");
    expect(schema.type).toBe("array");
    expect(schema.items.required).toEqual(["name"]);
    expect(Object.keys(schema.items.properties)).toEqual([
      "name",
      "environmentState",
      "externalInputs",
      "userInputs",
      "tuning",
    ]);
    expect(JSON.stringify(schema)).toContain("Canonical kind");
    const w = await runCli(["scenario", "schema", "-o", "schema/w.json"], { cwd: dir });
    expect(w.code).toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(dir, "schema/w.json"), "utf8"))).toEqual(schema);
  });

  it("resolve shows what the engine receives, as text or JSON", async () => {
    const file = path.join(INPUTS, "karpenter-inputs-mc.json");
    const text = await runCli(["scenario", "resolve", file]);
    expect(text.stdout).toContain(
      "[0] karpenter-mc-active  (G2; maxDepth 50 from scenario; monte_carlo seed 4242 × 6 trials)",
    );
    const json = await runCli(["scenario", "resolve", file, "--json"]);
    expect(JSON.parse(json.stdout)[0].tuning.search).toMatchObject({
      mode: "monte_carlo",
      seed: 4242,
      trials: 6,
    });
    const missing = await runCli(["scenario", "resolve", file, "--scenario", "nope"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('scenario "nope" is not in');
  });
});
