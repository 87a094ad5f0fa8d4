import fs from "node:fs";
import type { z } from "zod";
import { CtrlhuntError } from "../errors/index.ts";
import { Hypothesis } from "../formats/records.ts";
import { allocateId, idsInFolder, readRecord, writeRecord } from "../workspace/index.ts";
import { compareIds, locked, notFound, type StoreContext, storePaths, type Without } from "./context.ts";
import { checkRecordId } from "./finding-store.ts";

/** What a caller supplies for a new hypothesis; the store assigns the never-reused H<n> and timestamps. */
export type NewHypothesis = Without<z.input<typeof Hypothesis>, "id" | "createdAt" | "updatedAt">;

export function listHypotheses(ctx: StoreContext, project: string): Hypothesis[] {
  const p = storePaths(ctx, project);
  if (!fs.existsSync(p.hypotheses)) return [];
  return fs
    .readdirSync(p.hypotheses)
    .filter((f) => /^[A-Za-z][A-Za-z0-9_-]*\.yaml$/.test(f))
    .map((f) => f.replace(/\.yaml$/, ""))
    .sort(compareIds)
    .map((id) => readRecord(Hypothesis, p.hypothesisFile(id)));
}

export function readHypothesis(ctx: StoreContext, project: string, id: string): Hypothesis {
  const file = storePaths(ctx, project).hypothesisFile(checkRecordId(id));
  if (!fs.existsSync(file)) throw notFound("hypothesis", id, project);
  return readRecord(Hypothesis, file);
}

export function addHypothesis(ctx: StoreContext, project: string, input: NewHypothesis): Hypothesis {
  const p = storePaths(ctx, project);
  return locked(ctx, () => {
    const id = allocateId(p.ids, "H", idsInFolder(p.hypotheses));
    const now = ctx.clock.nowIso();
    return writeRecord(Hypothesis, p.hypothesisFile(id), {
      ...input,
      id,
      createdAt: now,
      updatedAt: now,
    } as Hypothesis);
  });
}

/** Read-modify-write one hypothesis under the lock. */
export function updateHypothesis(
  ctx: StoreContext,
  project: string,
  id: string,
  change: (h: Hypothesis) => Hypothesis,
): Hypothesis {
  return locked(ctx, () => {
    const before = readHypothesis(ctx, project, id);
    const after = change(structuredClone(before));
    if (after.id !== before.id) throw new CtrlhuntError("CTRLHUNT_USAGE", "a hypothesis's id cannot change");
    return writeRecord(Hypothesis, storePaths(ctx, project).hypothesisFile(id), {
      ...after,
      createdAt: before.createdAt,
      updatedAt: ctx.clock.nowIso(),
    });
  });
}
