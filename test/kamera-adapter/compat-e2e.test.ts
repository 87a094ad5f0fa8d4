import path from "node:path";
import { describe, expect, it } from "vitest";
import { embeddedEngine } from "../../src/engine/index.ts";
import { compatWorkspace, RACE } from "./compat-workspace.ts";

// The quick end-to-end check kept in `npm test`; the wider ones are in compat-e2e.slow.test.ts (npm run test:kamera).
describe("kamera adapter → compat harness → embedded engine", () => {
  it("yields the same dumps, terminal states and metrics as the embedded engine run directly", async () => {
    const w = compatWorkspace();
    const viaHarness = await w.run("exploration", "h", ["R2/app-seeded"]);
    const direct = await embeddedEngine(w.root).run({
      project: path.join(RACE, "project.ts"),
      scenarioFile: path.join(w.runDir("h"), "inputs", "demo.json"),
      mode: "exploration",
      outDir: w.runDir("direct"),
    });
    expect(viaHarness.status).toBe("ok");
    expect(viaHarness.command).toContain("--closed-loop=false");
    const { durationNs: _a, ...harnessMetrics } = viaHarness.metrics;
    const { durationNs: _b, ...directMetrics } = direct.metrics;
    expect(harnessMetrics).toEqual(directMetrics);
    expect(harnessMetrics.converged).toBe(2);
    expect(viaHarness.dumps.map((d) => path.basename(d))).toEqual(direct.dumps.map((d) => path.basename(d)));
    for (const [i, d] of viaHarness.dumps.entries()) {
      const dump = w.readDump(d);
      expect(dump.context.scenario.attributes.invocation_id).toBe(viaHarness.invocationId);
      expect(dump.states).toEqual(w.readDump(direct.dumps[i]).states);
    }
  });
});
