import fs from "node:fs";
import path from "node:path";
import type { z } from "zod";
import { RunRecord } from "../formats/run-record.ts";
import { allocateId, readRecord, relativeToWorkspace, writeRecord } from "../workspace/index.ts";
import { compareIds, locked, notFound, type StoreContext, storePaths } from "./context.ts";
import { copyFileAtomic } from "./files.ts";

/** A reserved run folder: engines may write dumps straight into `dumpsDir`. */
export interface RunSlot {
  runId: string;
  dir: string;
  dumpsDir: string;
}

const RUN_FILE = "run.json";
/** The pid that reserved a run folder, until run.json is written: a dead owner means a killed run. */
const OWNER_FILE = ".owner";

function runIdsOnDisk(runsDir: string): string[] {
  return fs.existsSync(runsDir) ? fs.readdirSync(runsDir) : [];
}

function slotOf(ctx: StoreContext, project: string, runId: string): RunSlot {
  const dir = storePaths(ctx, project).runDir(runId);
  return { runId, dir, dumpsDir: path.join(dir, "dumps") };
}

/** Allocate the next R<n> (never reused, even when the run later fails) and create its folder. */
export function reserveRun(ctx: StoreContext, project: string): RunSlot {
  const p = storePaths(ctx, project);
  return locked(ctx, () => {
    const slot = slotOf(ctx, project, allocateId(p.ids, "R", runIdsOnDisk(p.runs)));
    fs.mkdirSync(slot.dumpsDir, { recursive: true });
    fs.writeFileSync(path.join(slot.dir, OWNER_FILE), String(process.pid));
    return slot;
  });
}

function isUnrecordedSlot(ctx: StoreContext, project: string, runId: string): boolean {
  if (!/^R\d+$/.test(runId)) return false;
  const slot = slotOf(ctx, project, runId);
  return fs.existsSync(slot.dir) && !fs.existsSync(path.join(slot.dir, RUN_FILE));
}

/**
 * Store a finished run: dumps are copied into runs/<run-id>/dumps/ (those already in the run folder stay put) and run.json
 * names them relative to the workspace. A run that was not reserved gets a fresh run id.
 */
export function recordRun(
  ctx: StoreContext,
  project: string,
  run: z.input<typeof RunRecord>,
  dumpFiles: readonly string[],
): RunRecord {
  const slot = isUnrecordedSlot(ctx, project, run.runId)
    ? slotOf(ctx, project, run.runId)
    : reserveRun(ctx, project);
  const taken = new Set<string>();
  const stored = dumpFiles.map((file) => {
    const abs = path.resolve(ctx.root, file);
    // Dumps an engine wrote inside the reserved run folder stay where they are.
    if (abs.startsWith(slot.dir + path.sep)) {
      if (path.dirname(abs) === slot.dumpsDir) taken.add(path.basename(abs));
      return abs;
    }
    const target = path.join(slot.dumpsDir, freeName(path.basename(abs), taken, slot.dumpsDir));
    copyFileAtomic(abs, target);
    return target;
  });
  const record = {
    ...run,
    ...(run.runId !== slot.runId ? { engineRunId: run.runId } : {}),
    runId: slot.runId,
    project,
    dumps: stored.map((f) => relativeToWorkspace(ctx.root, f)),
  };
  const written = writeRecord(RunRecord, path.join(slot.dir, RUN_FILE), record as RunRecord);
  fs.rmSync(path.join(slot.dir, OWNER_FILE), { force: true });
  return written;
}

function ownerAlive(dir: string): boolean {
  let pid: number;
  try {
    pid = Number(fs.readFileSync(path.join(dir, OWNER_FILE), "utf8"));
  } catch {
    return false; // no owner recorded: a folder left by a killed run of an older ctrlhunt
  }
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Remove run folders a killed process left without run.json (its id stays used: the counter keeps it). A folder
 * whose owner still runs is kept. Returns the removed run ids.
 */
export function sweepUnfinishedRuns(ctx: StoreContext, project: string): string[] {
  const p = storePaths(ctx, project);
  return locked(ctx, () =>
    runIdsOnDisk(p.runs).filter((id) => {
      const dir = p.runDir(id);
      if (!/^R\d+$/.test(id) || fs.existsSync(path.join(dir, RUN_FILE)) || ownerAlive(dir)) return false;
      fs.rmSync(dir, { recursive: true, force: true });
      return true;
    }),
  );
}

/** `name`, or `name` with -2, -3 … before the extension when two source dumps share a base name. */
function freeName(name: string, taken: Set<string>, dir: string): string {
  const dot = name.indexOf(".");
  const stem = dot > 0 ? name.slice(0, dot) : name;
  const ext = dot > 0 ? name.slice(dot) : "";
  let candidate = name;
  for (let i = 2; taken.has(candidate) || fs.existsSync(path.join(dir, candidate)); i++)
    candidate = `${stem}-${i}${ext}`;
  taken.add(candidate);
  return candidate;
}

/** Recorded runs in id order; reserved folders without run.json (running or killed) are skipped. */
export function listRuns(ctx: StoreContext, project: string): RunRecord[] {
  const p = storePaths(ctx, project);
  return runIdsOnDisk(p.runs)
    .filter((id) => fs.existsSync(path.join(p.runDir(id), RUN_FILE)))
    .sort(compareIds)
    .map((id) => readRecord(RunRecord, path.join(p.runDir(id), RUN_FILE)));
}

export function readRun(ctx: StoreContext, project: string, runId: string): RunRecord {
  const file = path.join(storePaths(ctx, project).runDir(runId), RUN_FILE);
  if (!/^[A-Za-z0-9_-]+$/.test(runId) || !fs.existsSync(file)) throw notFound("run", runId, project);
  return readRecord(RunRecord, file);
}
