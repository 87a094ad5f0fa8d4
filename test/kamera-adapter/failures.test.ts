import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { kameraEngine } from "../../src/engine/kamera/index.ts";
import { HARNESSES, kameraWorkspace, processAlive } from "./workspace.ts";

const harness = (script: string) => path.join(HARNESSES, script);

describe("kamera engine when the harness misbehaves", () => {
  it("kills a hung harness and its hung child (both ignore SIGTERM) at the timeout", async () => {
    const w = kameraWorkspace({ command: [harness("hung.sh")], env: { CHILD_PID_FILE: "child.pid" } });
    const started = Date.now();
    const record = await kameraEngine(w.root, { graceMs: 300 }).run({
      project: "fake",
      scenarioFile: w.scenario,
      mode: "exploration",
      outDir: w.runDir("hung"),
      timeoutMs: 700,
    });
    const elapsed = Date.now() - started;
    const childPid = Number(fs.readFileSync(path.join(w.root, "projects/fake/child.pid"), "utf8"));
    expect(childPid).toBeGreaterThan(0);
    expect(processAlive(childPid)).toBe(false);
    expect(elapsed).toBeGreaterThanOrEqual(700);
    expect(elapsed).toBeLessThan(5000);
    expect(record.status).toBe("failed");
    expect(record.error).toContain("killed after the 700 ms timeout");
    expect(record.exitCode).toBeNull();
    expect(record.logTail).toContain("exploring");
  });

  it("gives a non-zero exit a failed record with the last 40 log lines", async () => {
    const w = kameraWorkspace({ command: [harness("exit-nonzero.sh")] });
    const record = await kameraEngine(w.root).run({
      project: "fake",
      scenarioFile: w.scenario,
      mode: "exploration",
      outDir: w.runDir("bad"),
    });
    expect(record.status).toBe("failed");
    expect(record.exitCode).toBe(3);
    expect(record.error).toBe("harness exited with code 3; no dumps were written");
    const tail = (record.logTail ?? "").split("\n");
    expect(tail).toHaveLength(40);
    expect(tail.at(-1)).toContain("panic: reconcile InstanceController");
    expect(tail[0]).toBe("log line 22");
    expect(fs.readFileSync(path.join(w.root, record.logFile ?? ""), "utf8")).toContain("log line 1\n");
  });

  it("quarantines a truncated dump, keeps the whole one and marks the run partial", async () => {
    const w = kameraWorkspace({ command: [harness("truncated.sh")] });
    const record = await kameraEngine(w.root).run({
      project: "fake",
      scenarioFile: w.scenario,
      mode: "closed-loop",
      outDir: w.runDir("t"),
    });
    expect(record.status).toBe("partial");
    expect(record.dumps).toEqual(["evidence/fake/runs/t/dumps/s1_demo_reference_0.jsonl"]);
    expect(record.quarantined).toEqual([
      {
        file: "evidence/fake/runs/t/quarantine/s1_demo_rerun_0.jsonl",
        reason: expect.stringMatching(/^truncated/),
      },
    ]);
    expect(fs.existsSync(path.join(w.runDir("t"), "dumps", "s1_demo_rerun_0.jsonl"))).toBe(false);
    expect(fs.existsSync(path.join(w.runDir("t"), "dumps", "catalog.json"))).toBe(true);
    expect(record.metrics.uniqueNodeVisits).toBe(7);
  });

  it("stops the harness group when the caller aborts", async () => {
    const w = kameraWorkspace({ command: [harness("hung.sh")], env: { CHILD_PID_FILE: "child.pid" } });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 500);
    const record = await kameraEngine(w.root, { graceMs: 200 }).run({
      project: "fake",
      scenarioFile: w.scenario,
      mode: "exploration",
      outDir: w.runDir("abort"),
      signal: ac.signal,
    });
    expect(record.error).toContain("run aborted");
    expect(processAlive(Number(fs.readFileSync(path.join(w.root, "projects/fake/child.pid"), "utf8")))).toBe(
      false,
    );
  });
});
