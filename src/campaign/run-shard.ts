import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  ENGINE_VERSION,
  engineFor,
  explorePhaseUnit,
  loadEmbeddedProject,
  modelDigest,
  readWorkflowFile,
  resolveProjectFile,
} from "../engine/index.ts";
import { CtrlhuntError, type Issue } from "../errors/index.ts";
import type { Engine } from "../engine/types.ts";
import { type CampaignFile, type CampaignUnit, type ScenarioUnit, ShardRecord } from "../formats/campaign.ts";
import { type Clock, clockFromEnv, writeRecord } from "../workspace/index.ts";
import { runHypothesisUnit } from "./hypothesis-runs.ts";
import { readCampaign, sha256Text, shardDir, shardDumpsDir, shardRecordFile } from "./layout.ts";
import { exploreOptionsOf, scenarioPart } from "./plan.ts";
import { hypothesisOf, hypothesisUnitsOf, isHypothesisUnit, scenarioUnitsOf, shardUnits } from "./units.ts";

export interface RunShardOptions {
  /** Worker threads for Monte Carlo trials inside this shard. */
  workers?: number;
  clock?: Clock;
  host?: string;
  /** The engine for hypothesis units (default: the project's own, on `clock`). */
  engineFor?: (project: string) => Engine;
}

/** The shard index: `--shard`, else the Indexed Job's JOB_COMPLETION_INDEX. */
export function shardIndexFrom(flag: number | undefined, env: NodeJS.ProcessEnv): number {
  if (flag !== undefined) return flag;
  const raw = env.JOB_COMPLETION_INDEX;
  if (raw === undefined || !/^\d+$/.test(raw.trim()))
    throw new CtrlhuntError(
      "CTRLHUNT_USAGE",
      raw === undefined
        ? "no shard given: pass --shard <i> or set JOB_COMPLETION_INDEX (as an Indexed Job does)"
        : `JOB_COMPLETION_INDEX must be a whole number, got "${raw}"`,
    );
  return Number(raw.trim());
}

/**
 * This workspace must hold the model, scenarios and variant files the campaign was planned from; a shard never runs
 * on others (nor does collect judge on them). `units` limits the variant files checked to those a shard runs.
 */
export function checkProvenance(
  root: string,
  c: CampaignFile,
  units: readonly CampaignUnit[] = c.units,
): void {
  const issues: Issue[] = [];
  const sha = (file: string) => (fs.existsSync(file) ? sha256Text(fs.readFileSync(file)) : "missing");
  if (c.provenance.modelSha256 !== undefined) {
    const projectFile = resolveProjectFile(root, c.project);
    const model = modelDigest(projectFile);
    if (model !== c.provenance.modelSha256)
      issues.push({
        file: projectFile,
        path: "",
        message: `model sha256 ${model}, campaign planned on ${c.provenance.modelSha256}`,
      });
  }
  if (c.inputs !== undefined) {
    const scenarioFile = path.resolve(root, c.inputs);
    const scenarios = sha(scenarioFile);
    if (scenarios !== c.provenance.scenarioSha256)
      issues.push({
        file: scenarioFile,
        path: "",
        message: `sha256 ${scenarios}, campaign planned on ${c.provenance.scenarioSha256}`,
      });
  }
  for (const u of hypothesisUnitsOf(units)) {
    const h = hypothesisOf(c, u);
    const file = path.resolve(root, h.explored);
    const actual = sha(file);
    if (actual !== h.exploredSha256)
      issues.push({
        file,
        path: "",
        message: `${h.id}'s variant: sha256 ${actual}, campaign planned on ${h.exploredSha256}`,
      });
  }
  if (ENGINE_VERSION !== c.provenance.ctrlhuntVersion)
    issues.push({
      path: "",
      message: `ctrlhunt ${ENGINE_VERSION}, campaign planned with ${c.provenance.ctrlhuntVersion}`,
    });
  if (issues.length)
    throw new CtrlhuntError(
      "CTRLHUNT_CAMPAIGN_MISMATCH",
      "this workspace differs from the one the campaign was planned in",
      { issues },
    );
}

/** Run one scenario unit: the phase (or trial range) it names, its dumps written into the shard's dumps/. */
async function runScenarioUnit(
  ctx: { root: string; dir: string; shard: number; clock: Clock; workers?: number },
  c: CampaignFile,
  u: ScenarioUnit,
  project: Awaited<ReturnType<typeof loadEmbeddedProject>>,
): Promise<ShardRecord["dumps"]> {
  const scenarioFile = path.resolve(ctx.root, scenarioPart(c).inputs);
  const s = c.scenarios.find((x) => x.name === u.scenario);
  const scenario = s ? readWorkflowFile(scenarioFile)[s.index] : undefined;
  if (!s || !scenario)
    throw new CtrlhuntError("CTRLHUNT_CAMPAIGN_INVALID", `unit ${u.id}: no scenario "${u.scenario}"`);
  const opts = {
    ...exploreOptionsOf(c, s, scenarioFile),
    reproducible: ctx.clock.reproducible,
    workers: ctx.workers,
  };
  const outs = await explorePhaseUnit(
    project,
    scenario,
    opts,
    { phases: s.phases, phase: u.phase, trials: u.trials },
    shardDumpsDir(ctx.dir, ctx.shard),
  );
  return outs.map((w) => ({
    unit: u.id,
    file: path.relative(shardDir(ctx.dir, ctx.shard), w.file).split(path.sep).join("/"),
    sha256: w.sha256,
    phase: w.phase,
    ...(w.trialIndex !== undefined ? { trialIndex: w.trialIndex } : {}),
    metrics: w.metrics,
    ...(w.timedOut ? { timedOut: true } : {}),
  }));
}

/**
 * Run exactly shard i's units and write their dumps, then the shard record (last, atomically). Re-running a shard
 * starts from an empty shard folder, so it is idempotent, and a shard killed half-way leaves files without a record,
 * which collect reports as incomplete. Scenario units run on the embedded engine; hypothesis variants on the
 * project's engine, as a local `hypothesis run` does.
 */
export async function runShard(
  root: string,
  dir: string,
  shard: number,
  o: RunShardOptions = {},
): Promise<ShardRecord> {
  const c = readCampaign(dir);
  if (!Number.isInteger(shard) || shard < 0 || shard >= c.shards)
    throw new CtrlhuntError(
      "CTRLHUNT_USAGE",
      `shard ${shard} is out of range: the campaign has shards 0..${c.shards - 1}`,
    );
  const clock = o.clock ?? clockFromEnv();
  const startMs = clock.startMs();
  const startedAt = clock.nowIso();
  const units = shardUnits(c, shard);
  checkProvenance(root, c, units);
  fs.rmSync(shardRecordFile(dir, shard), { force: true }); // first: a re-run never leaves an old record over new dumps
  fs.rmSync(shardDir(dir, shard), { recursive: true, force: true });
  fs.mkdirSync(shardDumpsDir(dir, shard), { recursive: true });
  const scenarioUnits = scenarioUnitsOf(units);
  const project = scenarioUnits.length
    ? await loadEmbeddedProject(resolveProjectFile(root, c.project))
    : undefined;
  const engine = (o.engineFor ?? ((p: string) => engineFor(root, p, { clock })))(c.project);
  const ctx = { root, dir, shard, clock, workers: o.workers, engine };
  const dumps: ShardRecord["dumps"] = [];
  const runs: ShardRecord["runs"] = [];
  for (const u of units) {
    if (isHypothesisUnit(u)) runs.push(...(await runHypothesisUnit(ctx, c, u)));
    else if (project) dumps.push(...(await runScenarioUnit(ctx, c, u, project)));
  }
  const record: ShardRecord = {
    format: "ctrlhunt-shard/v1",
    shard,
    campaignSha256: c.sha256,
    units: units.map((u) => u.id),
    provenance: {
      ctrlhuntVersion: ENGINE_VERSION,
      ...(c.provenance.scenarioSha256 !== undefined ? { scenarioSha256: c.provenance.scenarioSha256 } : {}),
      ...(c.provenance.modelSha256 !== undefined ? { modelSha256: c.provenance.modelSha256 } : {}),
    },
    dumps,
    runs,
    startedAt,
    durationMs: clock.elapsedSince(startMs),
    host: o.host ?? os.hostname(),
  };
  return writeRecord(ShardRecord, shardRecordFile(dir, shard), record);
}
