import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { exploreContained } from "../../src/engine/index.ts";
import { isCtrlhuntError } from "../../src/errors/index.ts";
import type { Scenario } from "../../src/formats/workflow.ts";
import { runCli } from "../helpers/run-cli.ts";
import { BIN, tempWorkspace } from "../helpers/temp-workspace.ts";
import { addProject, bigKroScenario, ENDLESS, handWorkspace } from "./fixtures.ts";

const REPO = path.resolve(import.meta.dirname, "../..");
const roots: string[] = [];
afterAll(() => {
  for (const r of roots) fs.rmSync(r, { recursive: true, force: true });
});

function loopWorkspace() {
  const root = handWorkspace();
  roots.push(root);
  const dir = addProject(root, "loop", ENDLESS);
  const scenario = JSON.parse(fs.readFileSync(path.join(dir, "scenarios/base.json"), "utf8"))[0] as Scenario;
  return { root, file: path.join(dir, "project.ts"), scenario };
}

async function rejection(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error("expected a rejection");
}

describe("engine runs can be stopped (issue #12 rows 1 and 2)", () => {
  it("row 2: explore --timeout stops a controller stuck in while (true) and names it and its request", async () => {
    const { root } = loopWorkspace();
    const started = Date.now();
    const r = await runCli(
      [
        "explore",
        "loop",
        "--inputs",
        "projects/loop/scenarios/base.json",
        "--output",
        "out",
        "--timeout",
        "1",
      ],
      { cwd: root },
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/controller CmController did not return from its reconcile of default\/a/);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(Date.now() - started).toBeLessThan(30_000); // it used to run until killed
  });

  it("row 2: hunt --timeout reaches the map phase's runs too", async () => {
    const { root } = loopWorkspace();
    const r = await runCli(["hunt", "loop", "--workspace", root, "--timeout", "1"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/▶ map/);
    expect(r.stderr).toMatch(/CmController did not return from its reconcile of default\/a/);
  });

  it("a reconcile that never returns is reported as hung even without a deadline", async () => {
    const { file, scenario } = loopWorkspace();
    const e = await rejection(exploreContained(file, scenario, { mode: "reference", hangMs: 500 }));
    expect(isCtrlhuntError(e) && e.code).toBe("CTRLHUNT_CONTROLLER_HUNG");
    expect((e as Error).message).toMatch(/CmController .* default\/a/);
  });

  it("an interrupt ends a run whose controller never returns", async () => {
    const { file, scenario } = loopWorkspace();
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 300);
    const e = await rejection(exploreContained(file, scenario, { mode: "reference", signal: ac.signal }));
    expect(isCtrlhuntError(e) && e.code).toBe("CTRLHUNT_INTERRUPTED");
    expect(isCtrlhuntError(e) && e.exitCode).toBe(130);
  });

  it("the memory budget stops a large search as partial with a warning instead of growing", async () => {
    const file = path.join(REPO, "projects/kro-lite/project.ts");
    const res = await exploreContained(file, bigKroScenario(REPO) as Scenario, {
      mode: "exploration",
      maxMemoryMb: 1,
    });
    expect(res.outputs).toHaveLength(1);
    expect(res.outputs[0].timedOut).toBe(true);
    expect(res.outputs[0].dump.campaignMetrics?.totalNodeVisits).toBeLessThan(10_000);
    expect(res.warnings.join(" ")).toMatch(/memory budget reached \(1 MiB/);
  });

  it("row 1: SIGINT during a long exploration exits 130 within seconds and records the phase as interrupted (it resumes)", async () => {
    const root = tempWorkspace(["kro-lite"]);
    roots.push(root);
    const dir = path.join(root, "projects/kro-lite/scenarios");
    fs.writeFileSync(path.join(dir, "big.json"), JSON.stringify([bigKroScenario(REPO)], null, 2));
    const child = spawn(process.execPath, [BIN, "hunt", "kro-lite", "--workspace", root], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      child.stderr.on("data", (b) => {
        stderr += String(b);
        if (/exploration run of big\/four-apps/.test(stderr)) resolve();
      });
      child.on("exit", () => reject(new Error(`hunt ended early: ${stderr}`)));
    });
    await new Promise((r) => setTimeout(r, 3000)); // deep inside the search by now
    const signalled = Date.now();
    child.kill("SIGINT");
    expect(await exited).toBe(130);
    expect(Date.now() - signalled).toBeLessThan(10_000); // it used to run on for minutes
    expect(stderr).toMatch(/explore .*: interrupted/);
    const state = JSON.parse(fs.readFileSync(path.join(root, "evidence/kro-lite/hunt-state.json"), "utf8"));
    expect(state.phases.explore).toMatchObject({ status: "stopped", reason: "interrupted" });
    expect(state.phases.map.status).toBe("done");
  });
});
