import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveCitation } from "../../src/analysis/index.ts";
import { openEvidenceStore } from "../../src/evidence/index.ts";
import { runCli } from "../helpers/run-cli.ts";

/** Preflight rejections, blocked, refuted and cycling verdicts through the CLI, on real engine runs. */
const FIXTURE = path.resolve(__dirname, "../fixtures/projects/race-pair");
const scenario = (f: string) => `projects/race-pair/scenarios/${f}.json`;

describe("hypothesis verdicts and preflight rejections via the CLI", () => {
  let ws: string;
  const cli = (...args: string[]) => runCli([...args, "--workspace", ws], { cwd: ws });
  const add = async (...args: string[]) => {
    const r = await cli("hypothesis", "add", "race-pair", "--json", ...args);
    expect(r.stderr).toBe("");
    return JSON.parse(r.stdout).id as string;
  };
  const variants = () =>
    fs.readdirSync(path.join(ws, "projects/race-pair/scenarios")).filter((f) => f.includes("-hypothesis-"));
  const record = (id: string) => openEvidenceStore(ws).readHypothesis("race-pair", id);

  beforeAll(() => {
    ws = fs.mkdtempSync(path.join(os.tmpdir(), "ctrlhunt-hyp-cli-"));
    for (const d of ["hypotheses", "evidence"]) fs.mkdirSync(path.join(ws, d));
    fs.cpSync(FIXTURE, path.join(ws, "projects/race-pair"), { recursive: true });
  });
  afterAll(() => fs.rmSync(ws, { recursive: true, force: true }));

  it("blocks a hypothesis whose permuted controller is not registered, writing no variant", async () => {
    const id = await add(
      "--type",
      "ordering",
      "--controllers",
      "ConfigController,Ghost",
      "--scenario",
      scenario("r1_config-race"),
      "--claim",
      "Ghost races ConfigController",
    );
    const r = await cli("hypothesis", "plan", "race-pair", id);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      "preflight: FAILED (1 problem(s)) — blocked: a code or scenario change is needed first",
    );
    expect(r.stdout).toContain(
      'targets.controllers[1]: controller "Ghost" is not registered in the project (registered: ConfigController, MigrationController, Ticker); fix the ID or register "Ghost" in the project first',
    );
    expect(record(id)).toMatchObject({ status: "blocked", variants: [] });
    expect(record(id).reason).toContain('controller "Ghost" is not registered');
    expect(variants()).toEqual([]);
  });

  it("rejects an expired staleness window (staleAt=1, catchUpAt=4, initial sequence 4) and says what to choose", async () => {
    const id = await add(
      "--type",
      "staleness",
      "--controllers",
      "MigrationController",
      "--kinds",
      "demo.io/App",
      "--param",
      "staleAt=1",
      "--param",
      "catchUpAt=4",
      "--scenario",
      scenario("r3_seeded-configs"),
      "--claim",
      "stale App",
    );
    const r = await cli("hypothesis", "plan", "race-pair", id);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      "tuning.stalenessIntervals[0]: window expired before the run started: initial demo.io/App sequence is 4 ≥ catchUpAt 4; choose catchUpAt > 4,",
    );
    expect(record(id).status).toBe("unverified");
    expect(variants()).toEqual([]);
  });

  it("rejects a user action that never fires because the reference never quiesces", async () => {
    const id = await add(
      "--type",
      "ordering",
      "--controllers",
      "ConfigController,MigrationController",
      "--scenario",
      scenario("r4_ticking-clock"),
      "--claim",
      "x",
    );
    const r = await cli("hypothesis", "plan", "race-pair", id);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      "action #0 (UPDATE App shop) never fires: without a ready depth it waits for quiescence, and the reference never quiesces",
    );
    expect(r.stdout).toContain('add tuning.userActionReadyDepths {"0": 0}');
  });

  it("refutes an ordering hypothesis where the order does not matter, citing the expected behaviour", async () => {
    const id = await add(
      "--type",
      "ordering",
      "--controllers",
      "ConfigController,MigrationController",
      "--scenario",
      scenario("r2_no-legacy"),
      "--claim",
      "order matters without legacy settings",
    );
    expect((await cli("hypothesis", "plan", "race-pair", id)).code).toBe(0);
    const r = await cli("hypothesis", "run", "race-pair", id, "--json");
    const report = JSON.parse(r.stdout);
    expect(report.judgement.status).toBe("refuted");
    expect(report.finding).toBeUndefined();
    const h = record(id);
    expect(h.status).toBe("refuted");
    expect(h.reason).toMatch(/^all \d+ terminal states \(\d+ paths\) converged to the reference outcome/);
    expect(h.citations).toHaveLength(1);
    expect(resolveCitation(ws, h.citations[0] as never)).toEqual({ ok: true });
  });

  it("confirms an unconditional writer from its cycling path, without any variant", async () => {
    const id = await add(
      "--type",
      "unconditional-write",
      "--controllers",
      "Ticker",
      "--scenario",
      scenario("r4_ticking-clock"),
      "--claim",
      "Ticker rewrites the Clock status on every reconcile",
    );
    const plan = await cli("hypothesis", "plan", "race-pair", id);
    expect(plan.stdout).toContain("no variant: nothing to perturb");
    const r = await cli("hypothesis", "run", "race-pair", id);
    expect(r.stdout).toContain(`${id}: CONFIRMED by cycling`);
    expect(r.stdout).toMatch(
      /Ticker wrote demo\.io\/Clock\/default\/tick \d+ times in the last \d+ steps without converging/,
    );
    const h = record(id);
    expect(h.variants).toEqual([]);
    for (const c of h.citations) expect(resolveCitation(ws, c)).toEqual({ ok: true });
    const f = openEvidenceStore(ws).readFinding("race-pair", h.finding as string);
    expect(f).toMatchObject({
      dimensions: ["pure-logic"],
      status: "confirmed",
      scenario: scenario("r4_ticking-clock"),
    });
  });

  it("lists every hypothesis with its status", async () => {
    const out = (await cli("hypothesis", "list", "race-pair")).stdout;
    expect(out.split("\n")[0]).toMatch(/^ID\s+STATUS\s+TYPE\s+CLAIM$/);
    expect(out).toMatch(/H1\s+blocked\s+ordering\s+Ghost races ConfigController/);
    expect(out).toMatch(/H4\s+refuted/);
    expect(out).toMatch(/H5\s+confirmed\s+unconditional-write/);
  });
});
