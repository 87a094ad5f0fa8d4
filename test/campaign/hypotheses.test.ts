import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  collectCampaign,
  planCampaign,
  runShard,
  verifyCampaign,
  writeCampaign,
} from "../../src/campaign/index.ts";
import { openEvidenceStore } from "../../src/evidence/index.ts";
import type { Finding, Hypothesis } from "../../src/formats/records.ts";
import type { RunReport } from "../../src/hypotheses/index.ts";
import { clockFromEnv } from "../../src/workspace/index.ts";
import { runCli } from "../helpers/run-cli.ts";
import { tempWorkspace } from "../helpers/temp-workspace.ts";
import { EPOCH, runShardProcesses, treeBytes } from "./helpers.ts";
import { startFakeS3 } from "./s3-server.ts";

/**
 * Issue 15: hypothesis variants as campaign units. Shards run them as separate processes; collect records the runs
 * and judges them with the code path `hypothesis run` uses, so the ledger ends as a local run leaves it.
 */

const PROJECT = "kro-lite";
const clock = clockFromEnv(EPOCH);
const roots: string[] = [];
afterAll(() => {
  for (const r of roots) fs.rmSync(r, { recursive: true, force: true });
});

const cli = (root: string, ...args: string[]) => runCli(args, { cwd: root, env: EPOCH });

/** kro-lite with the offline planner's hypotheses (the hunt up to hypothesize), all unverified. */
let seeded: string;
beforeAll(async () => {
  seeded = tempWorkspace([PROJECT]);
  roots.push(seeded);
  const hunt = await cli(
    seeded,
    "hunt",
    PROJECT,
    "--phases",
    "map,author,explore,analyze,report,hypothesize",
  );
  expect(hunt.code, hunt.stderr).toBe(0);
}, 60_000);

/** A copy of the seeded workspace (its hypotheses, reference run and ids included). */
function twin(): string {
  const root = `${seeded}-${roots.length}`;
  fs.cpSync(seeded, root, { recursive: true });
  roots.push(root);
  return root;
}

/** Records with what may differ between two recordings of the same verdict taken out: ids and times. */
function comparable(records: ReadonlyArray<Hypothesis | Finding>): unknown {
  const text = JSON.stringify(
    records.map((r) => {
      const { createdAt: _c, updatedAt: _u, ...rest } = r;
      return rest;
    }),
  );
  return JSON.parse(text.replace(/\bR\d+\b/g, "R#").replace(/\bF\d+\b/g, "F#"));
}

const ledger = (root: string) => {
  const store = openEvidenceStore(root, { clock });
  const byHypothesis = (a: Finding, b: Finding) =>
    (a.hypothesis ?? "").localeCompare(b.hypothesis ?? "", "en", { numeric: true });
  return {
    hypotheses: store.listHypotheses(PROJECT),
    findings: store.listFindings(PROJECT).sort(byHypothesis),
  };
};

describe("campaign of hypothesis variants", () => {
  it("runs pending variants as shard processes and judges them at collect exactly as local `hypothesis run`", async () => {
    const root = twin();
    const local = twin();
    const dir = path.join(root, "campaign");
    const pending = ledger(root).hypotheses.filter((h) => h.status === "unverified");
    expect(pending.length).toBeGreaterThan(3);

    const plan = await cli(
      root,
      "campaign",
      "plan",
      PROJECT,
      "--hypotheses",
      "pending",
      "--shards",
      "3",
      "--out",
      dir,
    );
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toContain(`${pending.length} units over 3 shards`);
    const c = verifyCampaign(dir).campaign;
    expect(c.hypotheses?.items.map((h) => h.id)).toEqual(pending.map((h) => h.id));
    expect(await runShardProcesses(root, dir, [2, 0, 1])).toEqual([0, 0, 0]);
    const collected = await cli(root, "campaign", "collect", dir, "--json");
    expect(collected.code, collected.stderr).toBe(0);
    const reports = (JSON.parse(collected.stdout) as { hypotheses: RunReport[] }).hypotheses;
    expect(reports.map((r) => r.hypothesis.id)).toEqual(pending.map((h) => h.id));

    for (const h of pending) {
      const r = await cli(local, "hypothesis", "run", PROJECT, h.id);
      expect(r.code, r.stderr).toBe(0);
    }
    const sharded = ledger(root);
    const whole = ledger(local);
    const statuses = new Set(sharded.hypotheses.map((h) => h.status));
    expect(statuses).toEqual(new Set(["confirmed", "refuted"])); // both verdicts are exercised
    expect(sharded.findings.length).toBeGreaterThan(0);
    expect(comparable(sharded.hypotheses)).toEqual(comparable(whole.hypotheses));
    expect(comparable(sharded.findings)).toEqual(comparable(whole.findings));
  }, 120_000);

  it("names a missing shard with the command that re-runs it, records nothing, and waits for a running hunt", async () => {
    const root = twin();
    const dir = path.join(root, "campaign");
    const plan = await cli(
      root,
      "campaign",
      "plan",
      PROJECT,
      "--hypotheses",
      "H1,H4",
      "--shards",
      "2",
      "--out",
      dir,
    );
    expect(plan.code, plan.stderr).toBe(0);
    const runsBefore = openEvidenceStore(root).listRuns(PROJECT).length;
    expect(await runShardProcesses(root, dir, [0])).toEqual([0]);

    const refused = await cli(root, "campaign", "collect", dir);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("missing: never ran");
    expect(refused.stderr).toContain(`re-run: ctrlhunt campaign run ${dir} --shard 1`);
    const store = openEvidenceStore(root, { clock });
    expect(store.listRuns(PROJECT)).toHaveLength(runsBefore);
    expect(store.readHypothesis(PROJECT, "H1").status).toBe("unverified");

    // A shard killed half-way leaves files and no shard.json: incomplete, never mistaken for complete.
    const partial = path.join(dir, "shards", "1", "hypotheses", "H4", "exploration", "dumps", "x.jsonl");
    fs.mkdirSync(path.dirname(partial), { recursive: true });
    fs.writeFileSync(partial, '{"states":');
    expect(verifyCampaign(dir).shards.map((s) => s.status)).toEqual(["complete", "incomplete"]);

    expect(await runShardProcesses(root, dir, [1])).toEqual([0]);
    const lock = path.join(root, `.ctrlhunt-hunt-${PROJECT}.lock`);
    fs.writeFileSync(lock, JSON.stringify({ pid: process.pid, command: `ctrlhunt hunt ${PROJECT}` }));
    const locked = await cli(root, "campaign", "collect", dir);
    expect(locked.code).toBe(75);
    expect(locked.stderr).toContain(`ctrlhunt hunt ${PROJECT}`);
    fs.rmSync(lock);

    const { hypotheses } = await collectCampaign(dir, store);
    expect(hypotheses.map((r) => [r.hypothesis.id, r.judgement.status])).toEqual([
      ["H1", "confirmed"],
      ["H4", "refuted"],
    ]);
    expect(store.listRuns(PROJECT)).toHaveLength(runsBefore + 4); // exploration + variant reference, each
  }, 60_000);

  it("refuses an unknown hypothesis id, and a campaign with nothing to run, as usage errors", async () => {
    const root = twin();
    const dir = path.join(root, "campaign");
    const unknown = await cli(
      root,
      "campaign",
      "plan",
      PROJECT,
      "--hypotheses",
      "H1,H99",
      "--shards",
      "2",
      "--out",
      dir,
    );
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no hypothesis H99 in project kro-lite \(has: H1, H2, .*H1\d\)/);
    expect(fs.existsSync(dir)).toBe(false);
    const nothing = await cli(root, "campaign", "plan", PROJECT, "--shards", "2", "--out", dir);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toContain("--inputs <file>, --hypotheses <ids|all|pending> or both");
  });

  it("refuses to collect when a hypothesis was re-planned to another variant since the campaign", async () => {
    const root = twin();
    const dir = path.join(root, "campaign");
    expect(
      (await cli(root, "campaign", "plan", PROJECT, "--hypotheses", "H4", "--shards", "1", "--out", dir))
        .code,
    ).toBe(0);
    expect(await runShardProcesses(root, dir, [0])).toEqual([0]);
    const store = openEvidenceStore(root, { clock });
    store.updateHypothesis(PROJECT, "H4", (h) => ({ ...h, variants: [...h.variants, h.scenario as string] }));
    const r = await cli(root, "campaign", "collect", dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /hypotheses\/kro-lite\/H4\.yaml:variants: H4 explores .* now, the campaign ran projects\/kro-lite\/scenarios\/.*-hypothesis-\d+\.json/,
    );
  }, 60_000);

  it("holds scenario units and hypothesis variants in one campaign, collected as one run plus verdicts", async () => {
    const root = twin();
    const dir = path.join(root, "campaign");
    const store = openEvidenceStore(root, { clock });
    const c = await planCampaign(
      root,
      {
        project: PROJECT,
        inputs: "projects/kro-lite/scenarios/k2b_instance-applyset-children.json",
        mode: "reference",
        shards: 2,
        hypotheses: { ids: ["H4"] },
      },
      { store },
    );
    expect(c.units).toEqual([
      { id: 0, scenario: c.scenarios[0]?.name, phase: 0 },
      { id: 1, hypothesis: "H4" },
    ]);
    writeCampaign(dir, c);
    for (const i of [1, 0]) await runShard(root, dir, i, { clock });
    const { run, hypotheses } = await collectCampaign(dir, store);
    expect(run).toMatchObject({ mode: "reference", scenarioFile: c.inputs });
    expect(run?.dumps).toHaveLength(1);
    expect(hypotheses.map((r) => [r.hypothesis.id, r.judgement.status])).toEqual([["H4", "refuted"]]);
  }, 60_000);

  it("runs in a bucket as in a folder: variant run folders published, mirrored and judged alike", async () => {
    const key = { AWS_ACCESS_KEY_ID: "AKIACTRLHUNTTEST", AWS_SECRET_ACCESS_KEY: "not-a-real-secret" };
    const s3 = await startFakeS3({ buckets: ["campaigns"], accessKeyId: key.AWS_ACCESS_KEY_ID, pageSize: 5 });
    try {
      const env = { ...EPOCH, ...key, AWS_SESSION_TOKEN: undefined, AWS_REGION: undefined };
      const b = ["--bucket", "s3://campaigns/h", "--endpoint", s3.endpoint];
      const inFolder = twin();
      const inBucket = twin();
      const dir = path.join(inFolder, "campaign");
      const plan = ["campaign", "plan", PROJECT, "--hypotheses", "H1,H4", "--shards", "2"];
      expect((await cli(inFolder, ...plan, "--out", dir)).code).toBe(0);
      expect(await runShardProcesses(inFolder, dir, [0, 1])).toEqual([0, 0]);
      const folder = await cli(inFolder, "campaign", "collect", dir, "--json");
      expect(folder.code, folder.stderr).toBe(0);

      const planned = await runCli([...plan, ...b], { cwd: inBucket, env });
      expect(planned.code, planned.stderr).toBe(0);
      expect(await runShardProcesses(inBucket, b, [1, 0], key)).toEqual([0, 0]);
      const keys = [...s3.objects.keys()].filter((k) => k.startsWith("campaigns/h/shards/"));
      expect(keys.some((k) => /^campaigns\/h\/shards\/\d\/hypotheses\/H4\/exploration\//.test(k))).toBe(true);
      const bucket = await runCli(["campaign", "collect", ...b, "--json"], { cwd: inBucket, env });
      expect(bucket.code, bucket.stderr).toBe(0);

      const verdicts = (out: string) =>
        (JSON.parse(out) as { hypotheses: RunReport[] }).hypotheses.map((r) => [
          r.hypothesis.id,
          r.judgement.status,
        ]);
      expect(verdicts(bucket.stdout)).toEqual([
        ["H1", "confirmed"],
        ["H4", "refuted"],
      ]);
      expect(verdicts(bucket.stdout)).toEqual(verdicts(folder.stdout));
      expect(comparable(ledger(inBucket).hypotheses)).toEqual(comparable(ledger(inFolder).hypotheses));
      expect(comparable(ledger(inBucket).findings)).toEqual(comparable(ledger(inFolder).findings));
      // the recorded runs' dumps are the same bytes
      const dumps = (root: string) =>
        [...treeBytes(path.join(root, "evidence")).entries()].filter(([f]) => f.endsWith(".jsonl"));
      expect(dumps(inBucket).map(([f, b]) => [f, b.toString("base64")])).toEqual(
        dumps(inFolder).map(([f, b]) => [f, b.toString("base64")]),
      );
    } finally {
      await s3.close();
    }
  }, 120_000);
});
