import { describe, expect, it } from "vitest";
import { actionsOf, scenarioGeneration } from "../../src/formats/workflow.ts";
import { parseWorkflowText, serializeWorkflow } from "../../src/formats/workflow-io.ts";
import { resolveWorkflow } from "../../src/formats/workflow-resolve.ts";
import { ResolvedScenario } from "../../src/formats/workflow-resolved.ts";
import { kameraInputFiles, label, readText } from "./fixtures.ts";

const files = kameraInputFiles();

describe("real kamera input files", () => {
  it("are all found (the in-repo copy holds at least the 52 known files)", () => {
    expect(files.length).toBeGreaterThanOrEqual(52);
  });

  describe.each(files.map((f) => [label(f), f]))("%s", (_name, file) => {
    const text = readText(file);

    it("validates", () => {
      const w = parseWorkflowText(text, file);
      expect(w.length).toBeGreaterThan(0);
    });

    it("survives read → write → read losslessly, and the second write is byte-identical", () => {
      const original = JSON.parse(text);
      const first = serializeWorkflow(parseWorkflowText(text, file));
      expect(JSON.parse(first)).toEqual(original);
      // unknown fields and key order survive: the writer emits the keys in the order they were read
      expect(Object.keys(JSON.parse(first)[0])).toEqual(Object.keys(original[0]));
      const second = serializeWorkflow(parseWorkflowText(first, file));
      expect(second).toBe(first);
      expect(first.endsWith("}\n]\n")).toBe(true);
    });

    it("resolves every scenario to the engine's shape, keeping every action", () => {
      const w = parseWorkflowText(text, file);
      const resolved = resolveWorkflow(w);
      resolved.forEach((r, i) => {
        expect(ResolvedScenario.parse(r)).toEqual(r);
        expect(r.actions.map((a) => a.object)).toEqual(actionsOf(w[i]!).map((a) => a.object));
        expect(r.generation).toBe(scenarioGeneration(w[i]!));
        expect(r.tuning.maxDepth).toBeGreaterThan(0);
      });
    });
  });
});
