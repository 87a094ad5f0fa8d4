import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runPhaseWithAgent } from "../../src/agent/index.ts";
import { openEvidenceStore } from "../../src/evidence/index.ts";
import { runHunt } from "../../src/phases/hunt/index.ts";
import { clockFromEnv } from "../../src/workspace/index.ts";
import { replay } from "../agent/replay.ts";
import { tempWorkspace } from "../helpers/temp-workspace.ts";

describe("hunt with a model (recorded Messages API responses)", () => {
  const root = tempWorkspace(["kro-lite"]);
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it("lets the model add a hypothesis through the real tool; the evidence rules then judge it", async () => {
    const { client, requests } = replay("hunt-hypothesize.json");
    const summary = await runHunt({
      root,
      project: "kro-lite",
      agent: (phase, budget) =>
        runPhaseWithAgent({
          root,
          project: "kro-lite",
          phase,
          client,
          model: "claude-sonnet-4-5",
          budget,
          clock: clockFromEnv(),
        }),
    });
    expect(summary.stoppedAt).toBeUndefined();
    expect(requests).toHaveLength(4);
    expect(requests[0]?.system).toBeDefined();
    const fromModel = openEvidenceStore(root)
      .listHypotheses("kro-lite")
      .filter((h) => h.source === "agent");
    expect(fromModel).toHaveLength(1);
    expect(fromModel[0]?.type).toBe("fault-injection");
    // The model proposed; the rerun phase decided from the dump, like any other hypothesis.
    expect(fromModel[0]?.status).not.toBe("unverified");
    expect(summary.model?.inputTokens).toBe(9500);
    expect(summary.model?.costUsd).toBeGreaterThan(0);
    const transcripts = fs.readdirSync(path.join(root, "evidence/kro-lite/transcripts"));
    expect(transcripts.some((t) => t.startsWith("hypothesize"))).toBe(true);
    // With a confirmed finding, the rollup lets the model refine its explanation (every sentence backed).
    expect(transcripts).toContain("report-1.json");
    expect(requests[2]?.tools.map((t: { name: string }) => t.name)).toContain("refine_explanation");
    const f1 = openEvidenceStore(root).readFinding("kro-lite", "F1");
    expect(f1.mechanism).toMatch(
      /^The restarted ApplicationController trusts its applyset membership record/,
    );
    expect(f1.fix).toMatch(/patch the record after the applies it describes/);
    expect(fs.readFileSync(path.join(root, "evidence/kro-lite/ANALYSIS.md"), "utf8")).toContain(
      "never created [C5]",
    );
  }, 120_000);
});
