import type { z } from "zod";
import type { Finding, Hypothesis, RerunSection } from "../formats/records.ts";
import type { RunRecord } from "../formats/run-record.ts";
import type { Clock } from "../workspace/index.ts";
import { type StoreContext, storeContext } from "./context.ts";
import * as findings from "./finding-store.ts";
import * as hypotheses from "./hypothesis-store.ts";
import { compressRunDumps } from "./compress-runs.ts";
import { keepEvidence } from "./keep-evidence.ts";
import * as reruns from "./rerun-store.ts";
import * as runs from "./run-store.ts";

/**
 * The evidence ledger of one workspace (the I/O edge for records): findings, hypotheses, runs and re-run
 * sections. Every write is atomic; ID allocation and read-modify-write happen under the workspace lock.
 */
export interface EvidenceStore {
  readonly root: string;
  readonly clock: Clock;
  listFindings(project: string): Finding[];
  readFinding(project: string, id: string): Finding;
  addFinding(project: string, input: findings.NewFinding): Finding;
  updateFinding(project: string, id: string, change: (f: Finding) => Finding): Finding;
  retractFinding(project: string, id: string, r: findings.Retraction): Finding;
  /** Gzip the dumps a finding cites into evidence/<project>/evidence/<id>/ and point the citations there. */
  keepEvidence(project: string, findingId: string): Finding;
  listHypotheses(project: string): Hypothesis[];
  readHypothesis(project: string, id: string): Hypothesis;
  addHypothesis(project: string, input: hypotheses.NewHypothesis): Hypothesis;
  updateHypothesis(project: string, id: string, change: (h: Hypothesis) => Hypothesis): Hypothesis;
  /** Reserve runs/<R n>/ so an engine can write its dumps straight into `dumpsDir`. */
  reserveRun(project: string): runs.RunSlot;
  recordRun(project: string, run: z.input<typeof RunRecord>, dumpFiles: readonly string[]): RunRecord;
  listRuns(project: string): RunRecord[];
  /** Remove run folders that killed processes left without run.json. */
  sweepUnfinishedRuns(project: string): string[];
  readRun(project: string, runId: string): RunRecord;
  listReruns(project: string): reruns.StoredRerun[];
  appendRerun(project: string, section: z.input<typeof RerunSection>): reruns.StoredRerun;
  /** Gzip the project's run dumps in place and point records at the compressed files. */
  compressRuns(project: string): { files: number; before: number; after: number };
}

export function openEvidenceStore(
  root: string,
  opts: { clock?: Clock; lockTimeoutMs?: number } = {},
): EvidenceStore {
  const ctx: StoreContext = storeContext(root, opts);
  return {
    root: ctx.root,
    clock: ctx.clock,
    listFindings: (p) => findings.listFindings(ctx, p),
    readFinding: (p, id) => findings.readFinding(ctx, p, id),
    addFinding: (p, input) => findings.addFinding(ctx, p, input),
    updateFinding: (p, id, change) => findings.updateFinding(ctx, p, id, change),
    retractFinding: (p, id, r) => findings.retractFinding(ctx, p, id, r),
    keepEvidence: (p, id) => keepEvidence(ctx, p, id),
    listHypotheses: (p) => hypotheses.listHypotheses(ctx, p),
    readHypothesis: (p, id) => hypotheses.readHypothesis(ctx, p, id),
    addHypothesis: (p, input) => hypotheses.addHypothesis(ctx, p, input),
    updateHypothesis: (p, id, change) => hypotheses.updateHypothesis(ctx, p, id, change),
    reserveRun: (p) => runs.reserveRun(ctx, p),
    recordRun: (p, run, dumps) => runs.recordRun(ctx, p, run, dumps),
    listRuns: (p) => runs.listRuns(ctx, p),
    sweepUnfinishedRuns: (p) => runs.sweepUnfinishedRuns(ctx, p),
    readRun: (p, id) => runs.readRun(ctx, p, id),
    listReruns: (p) => reruns.listReruns(ctx, p),
    appendRerun: (p, section) => reruns.appendRerun(ctx, p, section),
    compressRuns: (p) => compressRunDumps(ctx, p),
  };
}
