import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { engineFor } from "../../src/engine/index.ts";
import { kameraEngine } from "../../src/engine/kamera/index.ts";
import { CtrlhuntError } from "../../src/errors/index.ts";
import { openEvidenceStore } from "../../src/evidence/index.ts";
import { HARNESSES, kameraWorkspace } from "./workspace.ts";

const harness = (script: string) => path.join(HARNESSES, script);

describe("kamera engine on a well-behaved harness", () => {
  it("maps reference mode to flags, shares the invocation id and sums the dumps' metrics", async () => {
    const w = kameraWorkspace({ command: [harness("recording.sh")], env: { ARGS_FILE: "args.txt" } });
    const record = await kameraEngine(w.root).run({
      project: "fake",
      scenarioFile: w.scenario,
      mode: "reference",
      outDir: w.runDir("r1"),
    });
    const args = fs.readFileSync(path.join(w.root, "projects/fake/args.txt"), "utf8").trim().split("\n");
    expect(args).toEqual(
      expect.arrayContaining(["--interactive=false", "--closed-loop=false", "--no-perturbations"]),
    );
    expect(record.status).toBe("ok");
    expect(record.runId).toBe("r1");
    expect(record.dumps).toEqual([
      "evidence/fake/runs/r1/dumps/s1_demo_reference_0.jsonl",
      "evidence/fake/runs/r1/dumps/s1_demo_rerun_0.jsonl",
    ]);
    const dump = JSON.parse(fs.readFileSync(path.join(w.root, record.dumps[0]), "utf8"));
    expect(dump.context.scenario.attributes.invocation_id).toBe(record.invocationId);
    expect(record.metrics).toMatchObject({
      uniqueNodeVisits: 14,
      totalNodeVisits: 18,
      uniqueResourceStates: 10,
      converged: 2,
      aborted: 2,
      maxDepthAborted: 2,
    });
    expect(record.logTail).toContain("wrote 2 dumps");
    expect(record.exitCode).toBe(0);
    expect(record.provenance.scenarioSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("asks -h once per command and restricts a run to named scenarios with its own inputs file", async () => {
    const w = kameraWorkspace({ command: [harness("recording.sh")], env: { ARGS_FILE: "args.txt" } });
    const engine = kameraEngine(w.root);
    await engine.run({
      project: "fake",
      scenarioFile: w.scenario,
      mode: "closed-loop",
      outDir: w.runDir("a"),
    });
    const second = await engine.run({
      project: "fake",
      scenarioFile: w.scenario,
      mode: "exploration",
      outDir: w.runDir("b"),
      scenarioNames: ["S2/other"],
    });
    expect(fs.existsSync(path.join(w.runDir("a"), "harness-help.log"))).toBe(true);
    expect(fs.existsSync(path.join(w.runDir("b"), "harness-help.log"))).toBe(false);
    const inputs = path.join(w.runDir("b"), "inputs", "demo.json");
    expect(JSON.parse(fs.readFileSync(inputs, "utf8")).map((s: { name: string }) => s.name)).toEqual([
      "S2/other",
    ]);
    expect(second.command).toEqual(expect.arrayContaining(["--inputs", inputs, "--closed-loop=false"]));
    expect(second.command).not.toContain("--no-perturbations");
  });
});

describe("kamera engine run folders", () => {
  it("writes into a reserved evidence-store run, which records it with the dumps in place", async () => {
    const w = kameraWorkspace({ command: [harness("recording.sh")] });
    const store = openEvidenceStore(w.root);
    const slot = store.reserveRun("fake");
    const run = await kameraEngine(w.root).run({
      project: "fake",
      scenarioFile: w.scenario,
      mode: "closed-loop",
      outDir: slot.dir,
    });
    const stored = store.recordRun("fake", run, run.dumps);
    expect(stored.runId).toBe(slot.runId);
    expect(stored.dumps).toEqual(run.dumps);
    expect(stored.dumps[0]).toBe(`evidence/fake/runs/${slot.runId}/dumps/s1_demo_reference_0.jsonl`);
    expect(store.readRun("fake", slot.runId)).toMatchObject({ engine: "kamera", status: "ok", exitCode: 0 });
  });

  it("refuses a dump folder that already holds an earlier run's dumps", async () => {
    const w = kameraWorkspace({ command: [harness("recording.sh")] });
    const engine = kameraEngine(w.root);
    const opts = {
      project: "fake",
      scenarioFile: w.scenario,
      mode: "exploration" as const,
      outDir: w.runDir("d"),
    };
    await engine.run(opts);
    await expect(engine.run(opts)).rejects.toThrow(/already holds dumps/);
  });
});

describe("engineFor", () => {
  it("picks the kamera engine for a project.json target and the embedded engine for project.ts", () => {
    const w = kameraWorkspace({ command: [harness("recording.sh")] });
    expect(engineFor(w.root, "fake").name).toBe("kamera");
    expect(engineFor(w.root, "projects/other/project.ts").name).toBe("embedded");
  });
});

describe("kamera engine flag detection", () => {
  it("drives a harness whose -h lists --perturb with --perturb=…", async () => {
    const w = kameraWorkspace({ command: harness("perturb.sh") });
    const record = await kameraEngine(w.root).run({
      project: "fake",
      scenarioFile: w.scenario,
      mode: "exploration",
      outDir: w.runDir("p"),
    });
    expect(record.command).toContain("--perturb=false");
    expect(record.command.join(" ")).not.toContain("closed-loop");
    expect(record.status).toBe("ok");
  });

  it("explains a command that cannot start, pointing at project.json", async () => {
    const w = kameraWorkspace({ command: "./no-such-harness" });
    const err = await kameraEngine(w.root)
      .run({ project: "fake", scenarioFile: w.scenario, mode: "exploration", outDir: w.runDir("x") })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CtrlhuntError);
    expect((err as CtrlhuntError).code).toBe("CTRLHUNT_ENGINE_FAILED");
    expect((err as CtrlhuntError).issues[0]).toMatchObject({ path: "harness.command" });
    expect((err as CtrlhuntError).issues[0].file).toMatch(/project\.json$/);
  });

  it("refuses a program whose help lists no --inputs", async () => {
    const w = kameraWorkspace({ command: ["/bin/echo", "hello"] });
    await expect(
      kameraEngine(w.root).run({
        project: "fake",
        scenarioFile: w.scenario,
        mode: "exploration",
        outDir: w.runDir("e"),
      }),
    ).rejects.toThrow(/does not look like a kamera harness/);
  });
});
