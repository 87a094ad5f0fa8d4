import fs from "node:fs";
import type { z } from "zod";
import { CtrlhuntError } from "../errors/index.ts";
import { Finding } from "../formats/records.ts";
import { allocateId, idsInFolder, readRecord, writeRecord } from "../workspace/index.ts";
import { compareIds, locked, notFound, type StoreContext, storePaths, type Without } from "./context.ts";

/** What a caller supplies for a new finding; the store assigns id and timestamps. */
export type NewFinding = Without<z.input<typeof Finding>, "id" | "createdAt" | "updatedAt">;

const RECORD_ID = /^[A-Za-z][A-Za-z0-9_-]*$/;

export function checkRecordId(id: string): string {
  if (!RECORD_ID.test(id)) throw new CtrlhuntError("CTRLHUNT_USAGE", `invalid record id "${id}"`);
  return id;
}

export function listFindings(ctx: StoreContext, project: string): Finding[] {
  const p = storePaths(ctx, project);
  return idsInFolder(p.findings)
    .filter((id) => RECORD_ID.test(id))
    .sort(compareIds)
    .map((id) => readRecord(Finding, p.findingFile(id)));
}

export function readFinding(ctx: StoreContext, project: string, id: string): Finding {
  const file = storePaths(ctx, project).findingFile(checkRecordId(id));
  if (!fs.existsSync(file)) throw notFound("finding", id, project);
  return readRecord(Finding, file);
}

/** Allocate the next F<n> (never reused) and write the record, atomically and under the workspace lock. */
export function addFinding(ctx: StoreContext, project: string, input: NewFinding): Finding {
  const p = storePaths(ctx, project);
  return locked(ctx, () => {
    const id = allocateId(p.ids, "F", idsInFolder(p.findings));
    const now = ctx.clock.nowIso();
    return writeRecord(Finding, p.findingFile(id), {
      ...input,
      id,
      createdAt: now,
      updatedAt: now,
    } as Finding);
  });
}

/** Read-modify-write one finding under the lock, so concurrent processes lose no update. */
export function updateFinding(
  ctx: StoreContext,
  project: string,
  id: string,
  change: (f: Finding) => Finding,
): Finding {
  return locked(ctx, () => {
    const before = readFinding(ctx, project, id);
    const after = change(structuredClone(before));
    if (after.id !== before.id) throw new CtrlhuntError("CTRLHUNT_USAGE", `a finding's id cannot change`);
    return writeRecord(Finding, storePaths(ctx, project).findingFile(id), {
      ...after,
      createdAt: before.createdAt,
      updatedAt: ctx.clock.nowIso(),
    });
  });
}

export interface Retraction {
  status?: "retracted" | "false-positive";
  reason: string;
}

/** Retract a finding: it keeps its ID and record but is no longer counted anywhere. */
export function retractFinding(ctx: StoreContext, project: string, id: string, r: Retraction): Finding {
  if (r.reason.trim() === "") throw new CtrlhuntError("CTRLHUNT_USAGE", "a retraction needs a reason");
  return updateFinding(ctx, project, id, (f) => ({
    ...f,
    status: r.status ?? "retracted",
    retraction: { reason: r.reason, date: ctx.clock.today(), previousStatus: f.status },
  }));
}
