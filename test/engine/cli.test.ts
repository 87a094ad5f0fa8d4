import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.ts";

/** `ctrlhunt explore` end to end: a project.ts path, an inputs file, dumps on disk, a summary screen. */

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ctrlhunt-explore-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const projectFile = path.join(import.meta.dirname, "fixtures", "race-project.ts");
const inputs = path.join(tmp, "race.json");
fs.writeFileSync(
  inputs,
  JSON.stringify([
    {
      name: "R1/race",
      environmentState: {
        objects: [
          { apiVersion: "example.com/v1", kind: "App", metadata: { name: "a", namespace: "default" } },
        ],
      },
      tuning: { permuteControllers: ["Alpha", "Beta", "Gamma"] },
    },
  ]),
);

describe("ctrlhunt explore", () => {
  it("writes dumps and prints a one-screen summary with terminal hashes", async () => {
    const out = path.join(tmp, "out");
    const r = await runCli(
      ["explore", projectFile, "--inputs", inputs, "--output", out, "--mode", "exploration"],
      { cwd: tmp },
    );
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(fs.readdirSync(out)).toEqual(["r1_race_0.jsonl"]);
    expect(r.stdout).toMatch(/exploration\s+-\s+\d+\/\d+\s+\d+\s+3\s+0/);
    expect(r.stdout).toContain("3 converged");
  });

  it("--json prints the run record and per-dump summaries for closed-loop phases", async () => {
    const r = await runCli(
      ["explore", projectFile, "--inputs", inputs, "--output", path.join(tmp, "cl"), "--json"],
      { cwd: tmp },
    );
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.record).toMatchObject({ engine: "embedded", mode: "closed-loop", status: "ok" });
    const phases = j.dumps.map((d: { phase: string }) => d.phase);
    expect(phases.slice(0, 2)).toEqual(["reference", "rerun"]);
    expect(phases.slice(2).every((p: string) => p.startsWith("staleness_"))).toBe(true);
    expect(j.dumps[1].convergedHashes).toHaveLength(3);
  });

  it("reports bad input in one line per problem, exit 1, no stack", async () => {
    const bad = path.join(tmp, "bad.json");
    fs.writeFileSync(
      bad,
      JSON.stringify([
        {
          name: "x",
          environmentState: { objects: [{ kind: "App" }] },
          tuning: { permuteControllers: ["Nope"] },
        },
      ]),
    );
    const r = await runCli(["explore", projectFile, "--inputs", bad, "--output", path.join(tmp, "bad")], {
      cwd: tmp,
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad\.json:\[0\]\.environmentState\.objects\[0\]\.apiVersion: /);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const unknown = path.join(tmp, "unknown.json");
    fs.writeFileSync(
      unknown,
      JSON.stringify([
        {
          name: "x",
          environmentState: { objects: [{ apiVersion: "v1", kind: "Pod", metadata: { name: "p" } }] },
          tuning: { permuteControllers: ["Nope"] },
        },
      ]),
    );
    const u = await runCli(["explore", projectFile, "--inputs", unknown, "--output", path.join(tmp, "u")], {
      cwd: tmp,
    });
    expect(u.code).toBe(1);
    expect(u.stderr.trim()).toMatch(
      /unknown\.json:\[0\]\.tuning\.permuteControllers\[0\]: unknown controller "Nope"/,
    );
  });

  it("rejects a bad mode as a usage error", async () => {
    const r = await runCli(["explore", projectFile, "--inputs", inputs, "--output", tmp, "--mode", "fast"], {
      cwd: tmp,
    });
    expect(r.code).toBe(2);
  });
});
