import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.ts";
import { FIXTURES } from "./helpers.ts";

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "ctrlhunt-analyze-"));
  fs.cpSync(path.join(FIXTURES, "mc"), path.join(dir, "run"), { recursive: true });
  fs.copyFileSync(path.join(FIXTURES, "damaged/truncated.jsonl"), path.join(dir, "run/trial_10.jsonl"));
  fs.copyFileSync(path.join(FIXTURES, "damaged/corrupt.jsonl"), path.join(dir, "run/trial_11.jsonl"));
  fs.writeFileSync(path.join(dir, "run/run.json"), JSON.stringify({ runId: "r1" }));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("ctrlhunt analyze (CLI)", () => {
  it("a corrupt and a truncated dump in a batch: both reported, the others analysed, exit code 3", async () => {
    const r = await runCli(["analyze", "states", "run", "--json"], { cwd: dir });
    expect(r.code).toBe(3);
    const out = JSON.parse(r.stdout);
    expect(out.states).toBe(10);
    expect(out.groups.map((g: { count: number }) => g.count)).toEqual([4, 3, 2, 1]);
    expect(out.batch.quarantined.map((q: { dump: string; code: string }) => [q.dump, q.code])).toEqual([
      ["run/trial_10.jsonl", "CTRLHUNT_DUMP_TRUNCATED"],
      ["run/trial_11.jsonl", "CTRLHUNT_DUMP_INVALID"],
    ]);
    expect(out.batch.skipped).toEqual([{ dump: "run/run.json", reason: "not a dump (no states key)" }]);
    expect(r.stderr).toContain("run/trial_10.jsonl: CTRLHUNT_DUMP_TRUNCATED: truncated dump");
    expect(r.stderr).toContain("partial result: 2 damaged dump(s) left out, 10 analysed");
  });

  it("--quarantine moves the damaged dumps aside, so the next run is clean", async () => {
    const r = await runCli(["analyze", "metrics", "run", "--quarantine", "bad"], { cwd: dir });
    expect(r.code).toBe(3);
    expect(fs.readdirSync(path.join(dir, "bad")).sort()).toEqual(["trial_10.jsonl", "trial_11.jsonl"]);
    expect(r.stderr).toMatch(/moved to .*bad\/trial_10\.jsonl/);
    const again = await runCli(["analyze", "metrics", ".", "--quarantine", "bad"], { cwd: dir });
    expect([again.code, again.stderr]).toEqual([0, ""]);
  });

  it("takes files, folders and globs at once, without double counting", async () => {
    const r = await runCli(
      ["analyze", "states", "run/trial_1.jsonl", "run", "run/trial_[0-3].jsonl", "--json"],
      { cwd: dir },
    );
    expect(JSON.parse(r.stdout).dumps).toBe(10);
  });

  it("states: outcome families from --project-exists and --project-field", async () => {
    const r = await runCli(["analyze", "states", "mc", "--project-exists", "all", "--json"], {
      cwd: FIXTURES,
    });
    expect(JSON.parse(r.stdout).groups.map((g: { count: number }) => g.count)).toEqual([7, 3]);
    const f = await runCli(
      ["analyze", "states", "mc", "--project-field", "kro.run/Application:status.state"],
      { cwd: FIXTURES },
    );
    expect(f.stdout).toMatch(/7\s+70\.0%\s+kro\.run\/Application\/default\/my-app:status\.state="Ready"/);
    expect(f.stdout).toMatch(/3\s+30\.0%\s+kro\.run\/Application\/default\/my-app:status\.state="Degraded"/);
  });

  it("metrics: verdicts with --inputs, and kamera's table with --format kamera", async () => {
    const r = await runCli(["analyze", "metrics", "depth", "--inputs", "depth/inputs.json"], {
      cwd: FIXTURES,
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("inv-b: all max-depth aborted, ratio 1.4: double maxDepth to 80");
    expect(r.stdout).toContain(
      "inv-c reference: cycling 13.4×: depth will not help; likely unconditional status writes by StatusController",
    );
    const k = await runCli(
      ["analyze", "metrics", "kro/reference.jsonl", "kro/rerun.jsonl", "--format", "kamera"],
      { cwd: FIXTURES },
    );
    expect(k.stdout.split("\n")[1]).toBe(
      "inv-a          2      18                  20                 15                      1620000000   0            0               0",
    );
    const j = await runCli(["analyze", "metrics", "depth/cycling.jsonl", "--json"], { cwd: FIXTURES });
    expect(JSON.parse(j.stdout).rows[0]).toMatchObject({
      totalNodeVisits: 134,
      cyclingRatio: 13.4,
      verdict: { kind: "cycling" },
    });
  });

  it("diff, paths and kindseq answer from the dumps", async () => {
    const d = await runCli(["analyze", "diff", "kro/rerun.jsonl", "--json"], { cwd: FIXTURES });
    expect(JSON.parse(d.stdout).differing).toHaveLength(2);
    const p = await runCli(["analyze", "paths", "kro/rerun.jsonl", "--state", "state-1"], { cwd: FIXTURES });
    expect(p.stdout).toContain("Path: state[1].paths[0]");
    expect(p.stdout).toContain("2 ConfigController: error: owner my-app is Degraded");
    const k = await runCli(["analyze", "kindseq", "kro/reference.jsonl", "--json"], { cwd: FIXTURES });
    expect(JSON.parse(k.stdout).results[0].suggestions.permuteAfterEvent).toHaveLength(2);
    const none = await runCli(["analyze", "kindseq", "kro/reference.jsonl", "--state", "state-7"], {
      cwd: FIXTURES,
    });
    expect(none.stdout).toContain("kro/reference.jsonl: skipped: no state state-7");
  });

  it("bad input is one line and exit 1/2, never a stack trace", async () => {
    const missing = await runCli(["analyze", "states", "nope/", "also-missing-*.jsonl"], { cwd: dir });
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim().split("\n")).toEqual([
      "nope/: no such dump file, folder or matching glob",
      "also-missing-*.jsonl: no such dump file, folder or matching glob",
    ]);
    const fmt = await runCli(["analyze", "metrics", "run", "--format", "csv"], { cwd: dir });
    expect([fmt.code, fmt.stderr.trim()]).toEqual([2, 'error: --format must be text or kamera, got "csv"']);
    const allBad = await runCli(["analyze", "states", "run/trial_10.jsonl"], { cwd: dir });
    expect(allBad.code).toBe(1);
    expect(allBad.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it("every subcommand's help has examples", async () => {
    for (const sub of ["metrics", "states", "diff", "paths", "kindseq"]) {
      const h = await runCli(["analyze", sub, "--help"]);
      expect(h.stdout, sub).toContain(`$ ctrlhunt analyze ${sub}`);
    }
  });
});
