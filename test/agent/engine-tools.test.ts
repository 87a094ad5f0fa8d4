import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAgentPhase, toolsFor } from "../../src/agent/index.ts";
import { openEvidenceStore } from "../../src/evidence/index.ts";
import { clockFromEnv } from "../../src/workspace/index.ts";
import { type RequestBody, replay } from "./replay.ts";

// Bundled projects import "ctrlhunt", which resolves only inside this package: the workspace lives under it.
const repo = path.resolve(import.meta.dirname, "../..");
let root: string;

beforeAll(() => {
  fs.mkdirSync(path.join(repo, ".ctrlhunt-tmp"), { recursive: true });
  root = fs.mkdtempSync(path.join(repo, ".ctrlhunt-tmp", "agent-"));
  for (const p of ["kro-lite", "_shared"])
    fs.cpSync(path.join(repo, "projects", p), path.join(root, "projects", p), { recursive: true });
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe("agent tools that drive the engine and the analysis", () => {
  it("runs a scenario, records the run, and analyses it by run id", async () => {
    const clock = clockFromEnv({ SOURCE_DATE_EPOCH: "1700000000" });
    const { client, requests } = replay("run-and-analyze.json");
    const res = await runAgentPhase({
      client,
      model: "claude-sonnet-4-5",
      phase: "explore",
      system: "# Explore kro-lite",
      tools: toolsFor(["run_scenario", "metrics", "states"]).tools,
      env: { root, project: "kro-lite", store: openEvidenceStore(root, { clock }) },
      budget: { maxUsd: 1 },
      clock,
    });
    expect(res.stopReason).toBe("completed");
    expect(res.toolCalls).toEqual([
      { name: "run_scenario", ok: true },
      { name: "metrics", ok: true },
      { name: "states", ok: true },
    ]);
    const run = JSON.parse(fs.readFileSync(path.join(root, "evidence/kro-lite/runs/R1/run.json"), "utf8"));
    expect(run).toMatchObject({ runId: "R1", mode: "reference", project: "kro-lite", status: "ok" });
    expect(run.dumps.length).toBeGreaterThan(0);
    for (const d of run.dumps) expect(fs.existsSync(path.join(root, d))).toBe(true);

    const results = (requests[2].messages.at(-1).content as RequestBody[]).map((b) => JSON.parse(b.content));
    expect(results[0].result.rows[0]).toMatchObject({ converged: run.metrics.converged });
    expect(results[1].result.groups).toHaveLength(1);
  }, 60_000);
});
