import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { embeddedEngine } from "../../src/engine/index.ts";
import type { RunRecord } from "../../src/formats/run-record.ts";
import { clockFromEnv } from "../../src/workspace/index.ts";
import { obj, scenario } from "./helpers.ts";

/**
 * Issue 15: a Monte Carlo run on worker threads writes each dump on the thread that produced it (only summaries
 * cross threads) and records exactly what a one-thread run records: same dump bytes, metrics, reconcile errors and
 * citations (relative to the workspace, not the thread's absolute path).
 */

const root = fs.mkdtempSync(path.join(os.tmpdir(), "ctrlhunt-workers-"));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
const project = path.join(import.meta.dirname, "fixtures", "flaky-race-project.ts");
const inputs = path.join(root, "race.json");
fs.writeFileSync(
  inputs,
  JSON.stringify([
    scenario("mc/flaky", [obj("App", "a")], {
      tuning: { search: { mode: "monte_carlo", monteCarlo: { seed: 7, trials: 24 } } },
    }),
  ]),
);
const clock = clockFromEnv({ SOURCE_DATE_EPOCH: "1767225600" });

async function run(workers: number): Promise<RunRecord> {
  const outDir = path.join(root, `run-w${workers}`);
  return embeddedEngine(root, { clock }).run({
    project,
    scenarioFile: inputs,
    mode: "exploration",
    outDir,
    workers,
  });
}

describe("Monte Carlo run on worker threads", () => {
  it("records what one thread records, dumps byte for byte, errors cited relative to the workspace", async () => {
    const one = await run(1);
    const two = await run(2);
    expect(one.dumps).toHaveLength(24);
    const bytes = (r: RunRecord) => r.dumps.map((d) => fs.readFileSync(path.join(root, d), "utf8"));
    expect(bytes(two)).toEqual(bytes(one));
    const errors = one.reconcileErrors ?? [];
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.length).toBeLessThan(24); // only the trials Beta won
    for (const e of errors) {
      expect(e.message).toBe("Beta is not allowed to win");
      expect(e.citation.dump).toMatch(/^run-w1\/dumps\/mc_flaky_\d+\.jsonl$/);
      expect(one.dumps).toContain(e.citation.dump);
    }
    const strip = (r: RunRecord, from: string) =>
      JSON.parse(JSON.stringify({ ...r, runId: "", durationMs: 0 }).replaceAll(from, "run"));
    expect(strip(two, "run-w2")).toEqual(strip(one, "run-w1"));
    expect(one.metrics.converged + one.metrics.aborted).toBeGreaterThanOrEqual(24);
  });
});

describe("a run's state cap", () => {
  it("stops each search after that many visits, marks the run partial and says why", async () => {
    const apps = ["a", "b", "c", "d", "e"].map((n) => obj("App", n));
    const s = scenario("dfs/race", apps, {
      tuning: { permuteControllers: ["Alpha", "Beta", "Gamma", "Auditor"] },
    });
    const file = path.join(root, "dfs.json");
    fs.writeFileSync(file, JSON.stringify([s]));
    const opts = { project, scenarioFile: file, mode: "exploration" as const };
    const whole = await embeddedEngine(root, { clock }).run({
      ...opts,
      outDir: path.join(root, "dfs-whole"),
    });
    expect(whole.status).toBe("ok");
    expect(whole.metrics.totalNodeVisits).toBeGreaterThan(200);
    const capped = await embeddedEngine(root, { clock }).run({
      ...opts,
      outDir: path.join(root, "dfs-capped"),
      maxStates: 100,
    });
    expect(capped.status).toBe("partial");
    // checked every 64 visits: the cap may be passed by fewer than that
    expect(capped.metrics.totalNodeVisits).toBeGreaterThanOrEqual(100);
    expect(capped.metrics.totalNodeVisits).toBeLessThan(100 + 64);
    expect(capped.warnings?.join("\n")).toContain("stopped at its state cap (100 state visits)");
  });
});
