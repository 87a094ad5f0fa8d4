import path from "node:path";
import { describe, expect, it } from "vitest";
import { compatWorkspace } from "./compat-workspace.ts";

// Run by `npm run test:kamera` (vitest.config.ts in this folder); excluded from `npm test` for time.
describe("kamera adapter → compat harness: run modes", () => {
  const w = compatWorkspace();

  it("closed-loop writes one dump per phase in kamera's naming, all with the adapter's invocation id", async () => {
    const r = await w.run("closed-loop", "cl", ["R1/app-created"]);
    expect(r.status).toBe("ok");
    expect(r.command).toContain("--closed-loop=true");
    const names = r.dumps.map((d) => path.basename(d));
    expect(names).toEqual(
      expect.arrayContaining(["r1_app_created_reference_0.jsonl", "r1_app_created_rerun_0.jsonl"]),
    );
    const phases = r.dumps.map((d) => w.readDump(d).context.scenario.attributes);
    expect(phases.map((a) => a.invocation_id)).toEqual(r.dumps.map(() => r.invocationId));
    expect(phases.map((a) => a.phase)).toEqual(expect.arrayContaining(["reference", "rerun"]));
  });

  it("reference strips the scenario's permutation, exploration keeps it: the race shows only in exploration", async () => {
    const ref = await w.run("reference", "ref", ["R2/app-seeded"]);
    const exp = await w.run("exploration", "exp", ["R2/app-seeded"]);
    expect(ref.command).toContain("--no-perturbations");
    expect(exp.command).not.toContain("--no-perturbations");
    expect(ref.metrics.converged).toBe(1);
    expect(exp.metrics.converged).toBe(2);
    const winners = w
      .readDump(exp.dumps[0])
      .objects.map((o: { object: { data?: { by?: string } } }) => o.object.data?.by);
    expect(winners).toEqual(expect.arrayContaining(["Alpha", "Beta"]));
  });

  it("writes kamera's failure dump and exits 1 when a scenario cannot run", async () => {
    const r = await w.run("exploration", "fail", ["R3/unknown-controller"]);
    expect(r.status).toBe("failed");
    expect(r.exitCode).toBe(1);
    expect(r.metrics.errorDumps).toBe(1);
    const attrs = w.readDump(r.dumps[0]).context.scenario.attributes;
    expect(attrs).toMatchObject({ status: "error", error_phase: "run_scenario" });
    expect(r.logTail).toContain("scenario failed");
  });

  it("keeps every phase's dump when long names collide after kamera's 64-character cut", async () => {
    const r = await w.run("closed-loop", "long", [
      "R4/a-scenario-name-so-long-that-kamera-file-naming-cuts-off-every-phase-suffix",
    ]);
    expect(r.status).toBe("ok");
    expect(new Set(r.dumps).size).toBe(r.dumps.length);
    const phases = r.dumps.map((d) => w.readDump(d).context.scenario.attributes.phase);
    expect(new Set(phases).size).toBe(r.dumps.length);
    expect(phases).toEqual(expect.arrayContaining(["reference", "rerun"]));
  });
});
