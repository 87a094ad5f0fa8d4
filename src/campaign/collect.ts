import fs from "node:fs";
import path from "node:path";
import { CtrlhuntError, type Issue } from "../errors/index.ts";
import type { EvidenceStore } from "../evidence/index.ts";
import type { ShardDump } from "../formats/campaign.ts";
import { readDumpFile } from "../analysis/index.ts";
import { collectReconcileErrors } from "../formats/reconcile-errors.ts";
import { addRunMetrics, type RunRecord } from "../formats/run-record.ts";
import type { Severity } from "../formats/records.ts";
import type { RunReport } from "../hypotheses/index.ts";
import { holdLock, relativeToWorkspace, workspacePaths } from "../workspace/index.ts";
import { checkCollectable, judgeCollected } from "./hypothesis-collect.ts";
import { CAMPAIGN_FILE, type CampaignPlace, folderPlace, placeFile, shardDir } from "./layout.ts";
import { scenarioPart } from "./plan.ts";
import { type CampaignCheck, verifyCampaign } from "./verify.ts";

/** A verified campaign's dumps, in the order an unsharded run lists them (unit id, then trial). */
function orderedDumps(dir: string, check: CampaignCheck): Array<ShardDump & { abs: string }> {
  return check.shards
    .flatMap((s) =>
      (s.record?.dumps ?? []).map((d) => ({ ...d, abs: path.join(shardDir(dir, s.shard), d.file) })),
    )
    .sort((a, b) => a.unit - b.unit || (a.trialIndex ?? 0) - (b.trialIndex ?? 0));
}

function incomplete(place: CampaignPlace, check: CampaignCheck): CtrlhuntError {
  const issues: Issue[] = [
    ...check.shards
      .filter((s) => s.status !== "complete")
      .flatMap((s) =>
        s.problems.map((p) => ({
          file: `${place.label}/shards/${s.shard}`,
          path: "",
          message: `${s.status}: ${p}`,
        })),
      ),
    ...check.issues,
    ...check.rerun.map((cmd) => ({ path: "", message: `re-run: ${cmd}`, severity: "warning" as const })),
  ];
  return new CtrlhuntError("CTRLHUNT_CAMPAIGN_INCOMPLETE", `campaign ${place.label} is not complete`, {
    issues,
  });
}

/** How collect runs: who asks (named by the hunt lock) and how confirmed hypotheses are filed. */
export interface CollectOptions {
  command?: string;
  severity?: Severity;
  /** Names the bucket when `dir` is its local mirror (default: the folder itself). */
  place?: CampaignPlace;
}

export interface Collected {
  check: CampaignCheck;
  /** The scenario units' run (absent when the campaign has none). */
  run?: RunRecord;
  /** One report per hypothesis unit, in unit order: what `hypothesis run` prints. */
  hypotheses: RunReport[];
}

/**
 * Record the scenario units as one run, exactly as the unsharded run would be recorded (same dumps, names, order
 * and provenance; the plan is kept beside run.json), so analysis, hypotheses and reports read it like any run.
 */
function recordScenarioRun(dir: string, check: CampaignCheck, store: EvidenceStore): RunRecord {
  const c = check.campaign;
  const { inputs, mode, invocationId } = scenarioPart(c);
  const dumps = orderedDumps(dir, check);
  const slot = store.reserveRun(c.project);
  const files = dumps.map((d) => {
    const target = path.join(slot.dumpsDir, path.basename(d.file));
    placeFile(d.abs, target);
    return target;
  });
  fs.copyFileSync(path.join(dir, CAMPAIGN_FILE), path.join(slot.dir, CAMPAIGN_FILE));
  const records = check.shards.flatMap((s) => (s.record ? [s.record] : []));
  // Reconcile errors are part of a run's record, exactly as a local run derives them from its dumps.
  const errors = collectReconcileErrors(
    files.flatMap((f) =>
      readDumpFile(f).dumps.map((d) => ({ file: relativeToWorkspace(store.root, f), dump: d.dump })),
    ),
  );
  const run: RunRecord = {
    runId: slot.runId,
    engine: "embedded",
    mode,
    project: c.project,
    scenarioFile: inputs,
    command: [],
    invocationId,
    dumps: files,
    metrics: addRunMetrics(dumps.map((d) => d.metrics)),
    provenance: {
      ctrlhuntVersion: c.provenance.ctrlhuntVersion,
      scenarioSha256: c.provenance.scenarioSha256 as string,
      modelSha256: c.provenance.modelSha256,
      seed: c.seed,
    },
    startedAt: records.map((r) => r.startedAt).sort()[0] ?? store.clock.nowIso(),
    durationMs: records.reduce((sum, r) => sum + r.durationMs, 0),
    status: dumps.some((d) => d.timedOut) ? "partial" : "ok",
    ...(errors.length ? { reconcileErrors: errors } : {}),
  };
  return store.recordRun(c.project, run, files);
}

/**
 * Verify a campaign folder (completeness, provenance), then record it in the evidence ledger under the project's
 * hunt lock (each record under the workspace lock): the scenario units as one run, and each hypothesis variant's
 * runs judged exactly as `ctrlhunt hypothesis run` judges them. Nothing is recorded when a check fails.
 */
export async function collectCampaign(
  dir: string,
  store: EvidenceStore,
  opts: CollectOptions = {},
): Promise<Collected> {
  const place = opts.place ?? folderPlace(dir);
  const check = verifyCampaign(dir, place);
  if (!check.complete) throw incomplete(place, check);
  const c = check.campaign;
  const release = holdLock(
    workspacePaths(store.root).huntLock(c.project),
    opts.command ?? `ctrlhunt campaign collect ${place.label}`,
    `a hunt of ${c.project}`,
  );
  try {
    const env = { root: store.root, store };
    const units = c.hypotheses ? checkCollectable(env, check) : [];
    const run = c.scenarios.length ? recordScenarioRun(dir, check, store) : undefined;
    const hypotheses = await judgeCollected(env, dir, check, units, { severity: opts.severity });
    return { check, ...(run ? { run } : {}), hypotheses };
  } finally {
    release();
  }
}
