import fs from "node:fs";
import path from "node:path";
import { CtrlhuntError, type Issue } from "../errors/index.ts";
import type { EvidenceStore } from "../evidence/index.ts";
import type { ShardDump } from "../formats/campaign.ts";
import { readDumpFile } from "../analysis/index.ts";
import { collectReconcileErrors } from "../formats/reconcile-errors.ts";
import { addRunMetrics, type RunRecord } from "../formats/run-record.ts";
import { publishTemp, relativeToWorkspace, tempPathBeside } from "../workspace/index.ts";
import { CAMPAIGN_FILE, type CampaignPlace, folderPlace, shardDir } from "./layout.ts";
import { type CampaignCheck, verifyCampaign } from "./verify.ts";

/** A verified campaign's dumps, in the order an unsharded run lists them (unit id, then trial). */
function orderedDumps(dir: string, check: CampaignCheck): Array<ShardDump & { abs: string }> {
  return check.shards
    .flatMap((s) =>
      (s.record?.dumps ?? []).map((d) => ({ ...d, abs: path.join(shardDir(dir, s.shard), d.file) })),
    )
    .sort((a, b) => a.unit - b.unit || (a.trialIndex ?? 0) - (b.trialIndex ?? 0));
}

/** Hard-link a dump into the run folder (a copy across file systems); either way it appears whole or not at all. */
function placeDump(from: string, to: string): void {
  try {
    fs.linkSync(from, to);
  } catch {
    const tmp = tempPathBeside(to);
    fs.copyFileSync(from, tmp);
    publishTemp(tmp, to);
  }
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

/**
 * Verify a campaign folder and record it in the evidence ledger as one run, exactly as the unsharded run would
 * be recorded (same dumps, names, order and provenance; the plan is kept beside run.json), so analysis, hypotheses
 * and reports read it like any run. `place` names the bucket when `dir` is its local mirror.
 */
export function collectCampaign(
  dir: string,
  store: EvidenceStore,
  place: CampaignPlace = folderPlace(dir),
): { check: CampaignCheck; run: RunRecord } {
  const check = verifyCampaign(dir, place);
  if (!check.complete) throw incomplete(place, check);
  const c = check.campaign;
  const dumps = orderedDumps(dir, check);
  const slot = store.reserveRun(c.project);
  const files = dumps.map((d) => {
    const target = path.join(slot.dumpsDir, path.basename(d.file));
    placeDump(d.abs, target);
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
    mode: c.mode,
    project: c.project,
    scenarioFile: c.inputs,
    command: [],
    invocationId: c.invocationId,
    dumps: files,
    metrics: addRunMetrics(dumps.map((d) => d.metrics)),
    provenance: {
      ctrlhuntVersion: c.provenance.ctrlhuntVersion,
      scenarioSha256: c.provenance.scenarioSha256,
      modelSha256: c.provenance.modelSha256,
      seed: c.seed,
    },
    startedAt: records.map((r) => r.startedAt).sort()[0] ?? store.clock.nowIso(),
    durationMs: records.reduce((sum, r) => sum + r.durationMs, 0),
    status: dumps.some((d) => d.timedOut) ? "partial" : "ok",
    ...(errors.length ? { reconcileErrors: errors } : {}),
  };
  return { check, run: store.recordRun(c.project, run, files) };
}
