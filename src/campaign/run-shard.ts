import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  ENGINE_VERSION,
  explorePhaseUnit,
  loadEmbeddedProject,
  modelDigest,
  readWorkflowFile,
  resolveProjectFile,
} from "../engine/index.ts";
import { CtrlhuntError, type Issue } from "../errors/index.ts";
import { type CampaignFile, ShardRecord } from "../formats/campaign.ts";
import { type Clock, clockFromEnv, writeRecord } from "../workspace/index.ts";
import { readCampaign, sha256Text, shardDir, shardDumpsDir, shardRecordFile } from "./layout.ts";
import { exploreOptionsOf } from "./plan.ts";
import { shardUnits } from "./units.ts";

export interface RunShardOptions {
  /** Worker threads for Monte Carlo trials inside this shard. */
  workers?: number;
  clock?: Clock;
  host?: string;
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

/** This workspace must hold the model and scenarios the campaign was planned from; a shard never runs on others. */
function checkProvenance(c: CampaignFile, projectFile: string, scenarioFile: string): void {
  const issues: Issue[] = [];
  const model = modelDigest(projectFile);
  if (model !== c.provenance.modelSha256)
    issues.push({
      file: projectFile,
      path: "",
      message: `model sha256 ${model}, campaign planned on ${c.provenance.modelSha256}`,
    });
  const scenarios = fs.existsSync(scenarioFile) ? sha256Text(fs.readFileSync(scenarioFile)) : "missing";
  if (scenarios !== c.provenance.scenarioSha256)
    issues.push({
      file: scenarioFile,
      path: "",
      message: `sha256 ${scenarios}, campaign planned on ${c.provenance.scenarioSha256}`,
    });
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

/**
 * Run exactly shard i's units and write their dumps, then the shard record (last, atomically). Re-running a shard
 * starts from an empty shard folder, so it is idempotent, and a shard killed half-way leaves dumps without a record,
 * which collect reports as incomplete.
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
  const projectFile = resolveProjectFile(root, c.project);
  const scenarioFile = path.resolve(root, c.inputs);
  checkProvenance(c, projectFile, scenarioFile);
  fs.rmSync(shardRecordFile(dir, shard), { force: true }); // first: a re-run never leaves an old record over new dumps
  fs.rmSync(shardDir(dir, shard), { recursive: true, force: true });
  const dumpsDir = shardDumpsDir(dir, shard);
  fs.mkdirSync(dumpsDir, { recursive: true });
  const project = await loadEmbeddedProject(projectFile);
  const inputs = readWorkflowFile(scenarioFile);
  const units = shardUnits(c, shard);
  const dumps: ShardRecord["dumps"] = [];
  for (const u of units) {
    const s = c.scenarios.find((x) => x.name === u.scenario);
    const scenario = s ? inputs[s.index] : undefined;
    if (!s || !scenario)
      throw new CtrlhuntError("CTRLHUNT_CAMPAIGN_INVALID", `unit ${u.id}: no scenario "${u.scenario}"`);
    const opts = {
      ...exploreOptionsOf(c, s, scenarioFile),
      reproducible: clock.reproducible,
      workers: o.workers,
    };
    const outs = await explorePhaseUnit(
      project,
      scenario,
      opts,
      { phases: s.phases, phase: u.phase, trials: u.trials },
      dumpsDir,
    );
    for (const w of outs)
      dumps.push({
        unit: u.id,
        file: path.relative(shardDir(dir, shard), w.file).split(path.sep).join("/"),
        sha256: w.sha256,
        phase: w.phase,
        ...(w.trialIndex !== undefined ? { trialIndex: w.trialIndex } : {}),
        metrics: w.metrics,
        ...(w.timedOut ? { timedOut: true } : {}),
      });
  }
  const record: ShardRecord = {
    format: "ctrlhunt-shard/v1",
    shard,
    campaignSha256: c.sha256,
    units: units.map((u) => u.id),
    provenance: {
      ctrlhuntVersion: ENGINE_VERSION,
      scenarioSha256: c.provenance.scenarioSha256,
      modelSha256: c.provenance.modelSha256,
    },
    dumps,
    startedAt,
    durationMs: clock.elapsedSince(startMs),
    host: o.host ?? os.hostname(),
  };
  return writeRecord(ShardRecord, shardRecordFile(dir, shard), record);
}
