import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveCitation } from "../../src/analysis/index.ts";
import { openEvidenceStore } from "../../src/evidence/index.ts";
import type { Citation } from "../../src/formats/citation.ts";
import { convergedGroups, loadRunDumps, runAndRecord } from "../../src/hypotheses/index.ts";
import { runCli } from "../helpers/run-cli.ts";

/**
 * The issue's end-to-end path on a real race: reference run → unverified ordering hypothesis → `hypothesis plan`
 * writes a variant whose preflight passes → `hypothesis run` confirms it with citations that resolve → the
 * finding shows up in the generated ANALYSIS.md and BUG-FINDINGS.md.
 */
const FIXTURE = path.resolve(__dirname, "../fixtures/projects/race-pair");
const BASE = "projects/race-pair/scenarios/r1_config-race.json";
const sha = (f: string) => createHash("sha256").update(fs.readFileSync(f)).digest("hex");

describe("hypothesis plan + run on a real two-controller race", () => {
  let ws: string;
  let baseSha: string;
  const cli = (...args: string[]) =>
    runCli([...args, "--workspace", ws], { cwd: ws, env: { SOURCE_DATE_EPOCH: "1767225600" } });

  beforeAll(() => {
    ws = fs.mkdtempSync(path.join(os.tmpdir(), "ctrlhunt-hyp-e2e-"));
    for (const d of ["hypotheses", "evidence"]) fs.mkdirSync(path.join(ws, d));
    fs.cpSync(FIXTURE, path.join(ws, "projects/race-pair"), { recursive: true });
    baseSha = sha(path.join(ws, BASE));
  });
  afterAll(() => fs.rmSync(ws, { recursive: true, force: true }));

  it("the reference run takes one ordering and ends in one terminal group", async () => {
    const env = { root: ws, store: openEvidenceStore(ws) };
    const scenarioFile = path.join(ws, BASE);
    const run = await runAndRecord(env, {
      project: "race-pair",
      scenarioFile,
      scenarioName: "R1/config-race",
      mode: "reference",
    });
    expect(run.status).toBe("ok");
    expect(run.metrics.converged).toBe(1);
    expect(convergedGroups(loadRunDumps(ws, run)).groups).toHaveLength(1);
  });

  it("adds an unverified ordering hypothesis", async () => {
    const r = await cli(
      "hypothesis",
      "add",
      "race-pair",
      "--type",
      "ordering",
      "--controllers",
      "ConfigController,MigrationController",
      "--scenario",
      BASE,
      "--claim",
      "When ConfigController creates shop-config first, the legacy settings are never migrated",
    );
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("H1 added (unverified)");
  });

  it("plans: calibrates from the recorded reference, passes preflight, writes the variant beside the base", async () => {
    const r = await cli("hypothesis", "plan", "race-pair", "H1", "--json");
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.plan.ok).toBe(true);
    expect(report.plan.issues).toEqual([]);
    expect(report.reference.ranNow).toBe(false);
    expect(report.variant).toBe("projects/race-pair/scenarios/r1_config-race-hypothesis-1.json");
    const [variant] = JSON.parse(fs.readFileSync(path.join(ws, report.variant), "utf8"));
    expect(variant.name).toBe("R1/config-race-hypothesis-1");
    expect(variant.tuning).toEqual({
      maxDepth: 20,
      permuteControllers: ["ConfigController", "MigrationController"],
      skipOwnNoOpOrderings: true,
      fifoPerController: true,
    });
    expect(sha(path.join(ws, BASE))).toBe(baseSha);
    const again = (await cli("hypothesis", "plan", "race-pair", "H1")).stdout;
    expect(again).toContain("preflight: passed");
    expect(again).toContain(
      "variant: projects/race-pair/scenarios/r1_config-race-hypothesis-1.json (unchanged, reused)",
    );
  });

  it("runs: confirms the race by divergence, with citations that resolve, and files a finding", async () => {
    const r = await cli("hypothesis", "run", "race-pair", "H1", "--severity", "P1", "--json");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.judgement.status).toBe("confirmed");
    expect(report.judgement.evidence).toBe("divergence");
    expect(report.explored).toBe("projects/race-pair/scenarios/r1_config-race-hypothesis-1.json");
    const h = openEvidenceStore(ws).readHypothesis("race-pair", "H1");
    expect(h.status).toBe("confirmed");
    expect(h.citations.length).toBeGreaterThanOrEqual(2);
    for (const c of h.citations as Citation[]) expect(resolveCitation(ws, c)).toEqual({ ok: true });
    const finding = openEvidenceStore(ws).readFinding("race-pair", h.finding as string);
    expect(finding).toMatchObject({
      status: "confirmed",
      severity: "P1",
      dimensions: ["ordering"],
      hypothesis: "H1",
    });
    expect(finding.hitRate).toEqual({ k: 1, n: 2 });
    // The reference strips the permutation, so the variant's own reference is a different search: it runs too.
    expect(report.runs.variantReference.mode).toBe("reference");
    expect(h.runs).toEqual([
      report.runs.baseline.runId,
      report.runs.exploration.runId,
      report.runs.variantReference.runId,
    ]);
    for (const c of finding.citations) expect(resolveCitation(ws, c)).toEqual({ ok: true });
    expect(sha(path.join(ws, BASE))).toBe(baseSha);
  });

  it("a Monte Carlo hypothesis runs its sample once: a reference of it would be the same search", async () => {
    const added = await cli(
      "hypothesis",
      "add",
      "race-pair",
      "--type",
      "monte-carlo",
      "--scenario",
      BASE,
      "--claim",
      "Random orders of the two controllers end in different places",
    );
    expect(added.stdout).toContain("H2 added (unverified)");
    const r = await cli("hypothesis", "run", "race-pair", "H2", "--json");
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.runs.variantReference).toBeUndefined();
    expect(report.runs.exploration.mode).toBe("exploration");
    const h = openEvidenceStore(ws).readHypothesis("race-pair", "H2");
    expect(h.runs).toEqual([report.runs.baseline.runId, report.runs.exploration.runId]);
    const runs = openEvidenceStore(ws)
      .listRuns("race-pair")
      .filter((x) => x.scenarioFile === report.explored);
    expect(runs.map((x) => x.mode)).toEqual(["exploration"]);
  });

  it("show prints the verdict and the citations", async () => {
    const out = (await cli("hypothesis", "show", "race-pair", "H1")).stdout;
    expect(out).toContain("H1 [confirmed] ordering:");
    expect(out).toContain("finding: F1");
    expect(out).toMatch(
      /evidence\/race-pair\/runs\/R\d+\/dumps\/.+ state state-\d+ path 0 step \d+ \((ConfigController|MigrationController)\)/,
    );
  });

  it("the generated ANALYSIS.md and BUG-FINDINGS.md state the finding", async () => {
    expect((await cli("report", "race-pair")).code).toBe(0);
    expect((await cli("rollup")).code).toBe(0);
    const analysis = fs.readFileSync(path.join(ws, "evidence/race-pair/ANALYSIS.md"), "utf8");
    expect(analysis).toContain("F1");
    expect(analysis).toContain("legacy settings are never migrated");
    expect(analysis).toContain("P1");
    const rollup = fs.readFileSync(path.join(ws, "evidence/BUG-FINDINGS.md"), "utf8");
    expect(rollup).toContain("1×P1");
  });
});
