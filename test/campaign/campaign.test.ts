import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  collectCampaign,
  planCampaign,
  runShard,
  verifyCampaign,
  writeCampaign,
} from "../../src/campaign/index.ts";
import { embeddedEngine } from "../../src/engine/index.ts";
import { openEvidenceStore } from "../../src/evidence/index.ts";
import type { RunRecord } from "../../src/formats/run-record.ts";
import { clockFromEnv } from "../../src/workspace/index.ts";
import { runCli } from "../helpers/run-cli.ts";
import { tempWorkspace } from "../helpers/temp-workspace.ts";
import { dumpBytes, EPOCH, KRATIX, runShardProcesses, shardProcess } from "./helpers.ts";

/** Issue 15: a campaign run as separate processes collects into the evidence an unsharded run leaves. */

const clock = clockFromEnv(EPOCH);
const roots: string[] = [];
afterAll(() => {
  for (const r of roots) fs.rmSync(r, { recursive: true, force: true });
});

function workspace(projects: string[]): string {
  const root = tempWorkspace(projects);
  roots.push(root);
  return root;
}

/** The unsharded run, recorded the way hypothesis runs record theirs (reserved folder, engine, recordRun). */
async function recordWhole(
  root: string,
  project: string,
  inputs: string,
  mode: RunRecord["mode"],
  trials?: number,
) {
  const store = openEvidenceStore(root, { clock });
  const slot = store.reserveRun(project);
  const run = await embeddedEngine(root, { clock }).run({
    project,
    scenarioFile: inputs,
    mode,
    outDir: slot.dir,
    trials,
  });
  return store.recordRun(project, { ...run, runId: slot.runId }, run.dumps);
}

/** A Monte Carlo campaign of kratix-lite's race, written into `dir`. */
async function planKratix(root: string, dir: string, trials: number, shards: number) {
  const c = await planCampaign(root, {
    project: "kratix-lite",
    inputs: KRATIX,
    mode: "exploration",
    trials,
    shards,
  });
  writeCampaign(dir, c);
  return c;
}

/** A run record with what may differ between two recordings of one exploration taken out. */
function comparable(r: RunRecord) {
  const { runId: _id, durationMs: _d, startedAt: _s, ...rest } = r;
  // Citations name the run's own folder: compare the dump file, not the run id in its path.
  const reconcileErrors = r.reconcileErrors?.map((e) => ({
    ...e,
    citation: { ...e.citation, dump: path.basename(e.citation.dump) },
  }));
  return {
    ...rest,
    dumps: r.dumps.map((d) => path.basename(d)),
    ...(reconcileErrors ? { reconcileErrors } : {}),
  };
}

const histogram = async (root: string, dir: string) => {
  const { stdout } = await runCli(["analyze", "states", dir, "--json"], { cwd: root });
  const report = JSON.parse(stdout) as { groups: Array<{ hash: string; count: number }> };
  return Object.fromEntries(report.groups.map((g) => [g.hash, g.count]));
};

describe("campaign", () => {
  it("runs a Monte Carlo campaign as separate shard processes and collects the unsharded run's evidence", async () => {
    const root = workspace(["kratix-lite"]);
    const dir = path.join(root, "campaign");
    const plan = await runCli(
      [
        "campaign",
        "plan",
        "kratix-lite",
        "--inputs",
        KRATIX,
        "--mode",
        "exploration",
        "--trials",
        "48",
        "--shards",
        "4",
        "--out",
        dir,
      ],
      { cwd: root, env: EPOCH },
    );
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toContain(`next: ctrlhunt campaign run ${dir} --shard <i>`);
    expect(await runShardProcesses(root, dir, [0, 1, 2, 3])).toEqual([0, 0, 0, 0]);
    const collected = await runCli(["campaign", "collect", dir, "--json"], { cwd: root, env: EPOCH });
    expect(collected.code, collected.stderr).toBe(0);
    const sharded = JSON.parse(collected.stdout) as RunRecord;
    const whole = await recordWhole(root, "kratix-lite", KRATIX, "exploration", 48);

    expect(comparable(sharded)).toEqual(comparable(whole));
    const dumpsOf = (r: RunRecord) => path.join(root, path.dirname(r.dumps[0] as string));
    const a = dumpBytes(dumpsOf(sharded));
    const b = dumpBytes(dumpsOf(whole));
    expect(a.size).toBe(48);
    expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
    for (const [name, bytes] of a) expect(bytes.equals(b.get(name) as Buffer), name).toBe(true);
    const h = await histogram(root, dumpsOf(sharded));
    expect(Object.keys(h).length).toBeGreaterThan(1); // the race shows more than one outcome
    expect(h).toEqual(await histogram(root, dumpsOf(whole)));
    // analysis reads the campaign folder itself like any folder of dumps
    expect(await histogram(root, dir)).toEqual(h);
  });

  it("detects a killed shard, names the command that re-runs it, and collects after the re-run", async () => {
    const root = workspace(["kratix-lite"]);
    const dir = path.join(root, "campaign");
    await planKratix(root, dir, 200, 2);
    const dumps = path.join(dir, "shards", "1", "dumps");
    const victim = shardProcess(root, dir, 1);
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (fs.existsSync(dumps) && fs.readdirSync(dumps).length >= 3) {
          clearInterval(poll);
          victim.kill("SIGKILL");
          resolve();
        }
      }, 20);
    });
    await new Promise((r) => victim.on("close", r));
    await runShard(root, dir, 0, { clock });

    const check = verifyCampaign(dir);
    expect(check.complete).toBe(false);
    expect(check.shards.map((s) => s.status)).toEqual(["complete", "incomplete"]);
    expect(check.rerun).toEqual([`ctrlhunt campaign run ${dir} --shard 1`]);
    const refused = await runCli(["campaign", "collect", dir], { cwd: root });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("incomplete: ");
    expect(refused.stderr).toContain(`re-run: ctrlhunt campaign run ${dir} --shard 1`);
    expect(fs.readdirSync(path.join(root, "evidence"))).toEqual([]); // nothing recorded

    await runShard(root, dir, 1, { clock });
    const store = openEvidenceStore(root, { clock });
    const { run } = await collectCampaign(dir, store);
    if (!run) throw new Error("no run recorded");
    expect(run.dumps).toHaveLength(200);
    expect(store.listRuns("kratix-lite").map((r) => r.runId)).toEqual([run.runId]);
  });

  it("names a dump truncated after its shard finished, and a shard record from another campaign", async () => {
    const root = workspace(["kratix-lite"]);
    const dir = path.join(root, "campaign");
    await planKratix(root, dir, 6, 3);
    for (const i of [0, 1, 2]) await runShard(root, dir, i, { clock });
    expect(verifyCampaign(dir).complete).toBe(true);
    const file = path.join(dir, "shards", "2", "dumps", "k5_work_placement_status_race_5.jsonl");
    fs.truncateSync(file, 100);
    const record = path.join(dir, "shards", "0", "shard.json");
    fs.writeFileSync(
      record,
      fs.readFileSync(record, "utf8").replace(/"campaignSha256": "[0-9a-f]+"/, '"campaignSha256": "0000"'),
    );
    const check = verifyCampaign(dir);
    expect(check.shards.map((s) => s.status)).toEqual(["invalid", "complete", "invalid"]);
    expect(check.shards[2]?.problems).toEqual([
      "dumps/k5_work_placement_status_race_5.jsonl: sha256 differs (truncated or changed)",
    ]);
    expect(check.shards[0]?.problems[0]).toMatch(/^ran campaign 0000/);
    expect(check.rerun).toHaveLength(2);
  });

  it("shards a closed-loop run by phase, pins the reference, and collects the unsharded run", async () => {
    const root = workspace(["kro-lite"]);
    const inputs = "projects/kro-lite/scenarios/k2b_instance-applyset-children.json";
    const dir = path.join(root, "campaign");
    const c = await planCampaign(root, { project: "kro-lite", inputs, mode: "closed-loop", shards: 3 });
    expect(c.scenarios[0]?.phases.length).toBeGreaterThan(2);
    expect(Object.keys(c.provenance.referenceSha256 ?? {})).toEqual([c.scenarios[0]?.name]);
    writeCampaign(dir, c);
    for (const i of [2, 0, 1]) await runShard(root, dir, i, { clock });
    const { run } = await collectCampaign(dir, openEvidenceStore(root, { clock }));
    if (!run) throw new Error("no run recorded");
    const whole = await recordWhole(root, "kro-lite", inputs, "closed-loop");
    expect(comparable(run)).toEqual(comparable(whole));
    const a = dumpBytes(path.join(root, path.dirname(run.dumps[0] as string)));
    const b = dumpBytes(path.join(root, path.dirname(whole.dumps[0] as string)));
    for (const [name, bytes] of b) expect(a.get(name)?.equals(bytes), name).toBe(true);
  });

  it("refuses to run a shard on a workspace whose model differs from the planned one", async () => {
    const root = workspace(["kratix-lite"]);
    const dir = path.join(root, "campaign");
    await planKratix(root, dir, 4, 2);
    fs.appendFileSync(
      path.join(root, "projects", "kratix-lite", "project.ts"),
      "\n// edited after planning\n",
    );
    const r = await runCli(["campaign", "run", dir, "--shard", "0"], { cwd: root });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/project\.ts: model sha256 [0-9a-f]+, campaign planned on [0-9a-f]+/);
    const noIndex = await runCli(["campaign", "run", dir], {
      cwd: root,
      env: { JOB_COMPLETION_INDEX: undefined },
    });
    expect(noIndex.code).toBe(2);
    expect(noIndex.stderr).toContain("JOB_COMPLETION_INDEX");
    const byPath = await runCli(
      [
        "campaign",
        "plan",
        "projects/kratix-lite/project.ts",
        "--inputs",
        KRATIX,
        "--shards",
        "2",
        "--out",
        dir,
      ],
      { cwd: root },
    );
    expect(byPath.code).toBe(2);
    expect(byPath.stderr).toContain("a campaign needs a project of the workspace");
  });
});
