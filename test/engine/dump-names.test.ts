import path from "node:path";
import { describe, expect, it } from "vitest";
import { exploreScenario, loadEmbeddedProject } from "../../src/engine/index.ts";
import { readWorkflowFile } from "../../src/scenario/index.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");

describe("dump file names", () => {
  it("stay unique when several closed-loop phase names truncate to the same 64 characters", async () => {
    const project = await loadEmbeddedProject(path.join(ROOT, "projects/kro-lite/project.ts"));
    const [scenario] = readWorkflowFile(
      path.join(ROOT, "projects/kro-lite/scenarios/k2b_instance-applyset-children.json"),
    );
    const outs = await exploreScenario(project, scenario!, { mode: "closed-loop" });
    const names = outs.map((o) => o.fileName);
    const staleness = outs.filter((o) => o.phase.startsWith("staleness"));
    expect(staleness.length).toBeGreaterThan(2);
    expect(new Set(names).size).toBe(names.length);
    expect(names.every((n) => /^[a-z0-9_]+_\d+\.jsonl$/.test(n))).toBe(true);
  }, 60_000);
});
