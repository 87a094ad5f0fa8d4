import fs from "node:fs";
import path from "node:path";
import { CtrlhuntError, type Issue } from "../errors/index.ts";
import type { CampaignHypothesis, ShardRun } from "../formats/campaign.ts";
import type { RunRecord } from "../formats/run-record.ts";
import {
  type HypothesisEnv,
  hypothesisTarget,
  judgeHypothesisRuns,
  type RunHypothesisOptions,
  type RunReport,
} from "../hypotheses/index.ts";
import { projectPaths, workspacePaths } from "../workspace/index.ts";
import { placedRecord } from "./hypothesis-runs.ts";
import { placeFile, sha256Text, shardDir } from "./layout.ts";
import { checkProvenance } from "./run-shard.ts";
import { hypothesisOf, hypothesisUnitsOf } from "./units.ts";
import type { CampaignCheck } from "./verify.ts";

/** One collected hypothesis unit: what was planned, and the shard runs that ran it (with their shard). */
export interface CollectedUnit {
  item: CampaignHypothesis;
  runs: Array<ShardRun & { shard: number }>;
}

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The baseline the plan pinned must still be in the ledger, dump for dump: the judge compares against it. */
function baselineIssues(env: HypothesisEnv, project: string, item: CampaignHypothesis): Issue[] {
  const pinned = item.baseline;
  const file = path.join(projectPaths(env.root, project).runDir(pinned.runId), "run.json");
  let run: RunRecord;
  try {
    run = env.store.readRun(project, pinned.runId);
  } catch (e) {
    return [{ file, path: "", message: `${item.id}'s baseline run ${pinned.runId}: ${messageOf(e)}` }];
  }
  const same =
    run.dumps.length === pinned.dumps.length &&
    pinned.dumps.every((d, i) => {
      const file = path.resolve(env.root, d.file);
      return run.dumps[i] === d.file && fs.existsSync(file) && sha256Text(fs.readFileSync(file)) === d.sha256;
    });
  return same
    ? []
    : [
        {
          path: item.id,
          message: `baseline run ${pinned.runId}: its dumps changed since the campaign was planned`,
        },
      ];
}

/** The hypothesis must still explore the file the shards ran (not re-planned to another variant since). */
function targetIssues(env: HypothesisEnv, project: string, item: CampaignHypothesis): Issue[] {
  const file = path.join(workspacePaths(env.root).hypotheses, project, `${item.id}.yaml`);
  try {
    const t = hypothesisTarget(env.root, env.store.readHypothesis(project, item.id));
    return t.explored === item.explored && t.exploredScenario.name === item.scenarioName
      ? []
      : [
          {
            file,
            path: "variants",
            message: `${item.id} explores ${t.explored} (${t.exploredScenario.name}) now, the campaign ran ${item.explored} (${item.scenarioName}): re-planned since? plan the campaign again`,
          },
        ];
  } catch (e) {
    return [{ file, path: "", message: messageOf(e) }];
  }
}

/**
 * Before anything is recorded: the workspace holds the model and variants the shards ran, and the ledger the
 * hypotheses and baselines the plan pinned. Either every hypothesis can be judged or none is touched.
 */
export function checkCollectable(env: HypothesisEnv, check: CampaignCheck): CollectedUnit[] {
  const c = check.campaign;
  checkProvenance(env.root, c);
  const issues: Issue[] = [];
  const units = hypothesisUnitsOf(c.units).map((u) => {
    const item = hypothesisOf(c, u);
    issues.push(...targetIssues(env, c.project, item), ...baselineIssues(env, c.project, item));
    const runs = check.shards.flatMap((s) =>
      (s.record?.runs ?? []).filter((r) => r.unit === u.id).map((r) => ({ ...r, shard: s.shard })),
    );
    return { item, runs };
  });
  if (issues.length)
    throw new CtrlhuntError(
      "CTRLHUNT_CAMPAIGN_MISMATCH",
      `the ledger of ${c.project} differs from the one the campaign was planned in; plan it again`,
      { issues },
    );
  return units;
}

/** Record one shard run in the ledger as the run a local `hypothesis run` would have recorded. */
function recordShardRun(env: HypothesisEnv, project: string, dir: string, run: ShardRun & { shard: number }) {
  const slot = env.store.reserveRun(project);
  const from = path.join(shardDir(dir, run.shard), run.dir);
  for (const f of run.files) placeFile(path.join(from, f.file), path.join(slot.dir, f.file));
  const record = placedRecord(env.root, slot.dir, run.record);
  return env.store.recordRun(project, { ...record, runId: slot.runId }, record.dumps);
}

/**
 * Record each hypothesis unit's runs (exploration, then the variant's reference, as a local run orders them) and
 * judge it with the judging path `hypothesis run` uses, against the pinned baseline.
 */
export async function judgeCollected(
  env: HypothesisEnv,
  dir: string,
  check: CampaignCheck,
  units: readonly CollectedUnit[],
  opts: RunHypothesisOptions = {},
): Promise<RunReport[]> {
  const c = check.campaign;
  const reports: RunReport[] = [];
  for (const { item, runs } of units) {
    const recorded = new Map(item.modes.map((m) => [m, undefined as RunRecord | undefined]));
    for (const r of runs) recorded.set(r.mode, recordShardRun(env, c.project, dir, r));
    // Read now, as a local run reads it when it starts: earlier verdicts of this collect are already in the ledger.
    const target = hypothesisTarget(env.root, env.store.readHypothesis(c.project, item.id));
    const judged = await judgeHypothesisRuns(
      env,
      c.project,
      target,
      {
        baseline: env.store.readRun(c.project, item.baseline.runId),
        exploration: recorded.get("exploration") as RunRecord,
        variantReference: recorded.get("reference"),
      },
      { ...opts, timeoutMs: c.hypotheses?.timeoutMs },
    );
    reports.push(judged);
  }
  return reports;
}
