import fs from "node:fs";
import path from "node:path";
import type { Engine } from "../engine/types.ts";
import type { CampaignFile, HypothesisUnit, PinnedFile, ShardRun } from "../formats/campaign.ts";
import type { RunRecord } from "../formats/run-record.ts";
import { relativeToWorkspace } from "../workspace/index.ts";
import { sha256Text, shardDir } from "./layout.ts";
import { hypothesisOf } from "./units.ts";

/**
 * A hypothesis unit's runs live in `shards/<i>/hypotheses/<id>/<mode>/`, laid out as the engine lays out a run
 * folder of the ledger, so collect moves each into a run folder whole. The run record travels in the shard record
 * with its paths relative to that folder; collect re-expresses them for the run folder it records.
 */
export const hypothesisRunDir = (dir: string, shard: number, id: string, mode: string) =>
  path.join(shardDir(dir, shard), "hypotheses", id, mode);

/** Stands for the run folder in a kept record's command line and log tail (a kamera harness gets absolute paths). */
const RUN_DIR = "$RUN_DIR";

const posix = (p: string) => p.split(path.sep).join("/");

/**
 * Every path field of a run record (workspace-relative; a citation may end in #line) mapped by `move`; `text`
 * rewrites the absolute run folder where it is embedded (the harness command line and its log tail).
 */
export function mapRunPaths(
  r: RunRecord,
  move: (p: string) => string,
  text: (a: string) => string,
): RunRecord {
  const cite = (dump: string) => {
    const hash = dump.indexOf("#");
    return hash < 0 ? move(dump) : move(dump.slice(0, hash)) + dump.slice(hash);
  };
  return {
    ...r,
    command: r.command.map(text),
    dumps: r.dumps.map(move),
    ...(r.logTail !== undefined ? { logTail: text(r.logTail) } : {}),
    ...(r.logFile !== undefined ? { logFile: move(r.logFile) } : {}),
    ...(r.quarantined ? { quarantined: r.quarantined.map((q) => ({ ...q, file: move(q.file) })) } : {}),
    ...(r.reconcileErrors
      ? {
          reconcileErrors: r.reconcileErrors.map((e) => ({
            ...e,
            citation: { ...e.citation, dump: cite(e.citation.dump) },
          })),
        }
      : {}),
  };
}

/** The record as the shard keeps it: paths relative to the run's own folder. */
export function relativeRecord(root: string, runDir: string, r: RunRecord): RunRecord {
  return mapRunPaths(
    r,
    (p) => posix(path.relative(runDir, path.resolve(root, p))),
    (a) => a.split(runDir).join(RUN_DIR),
  );
}

/** The record as the ledger keeps it, once the run's folder sits at `runDir` (workspace-relative paths). */
export function placedRecord(root: string, runDir: string, r: RunRecord): RunRecord {
  return mapRunPaths(
    r,
    (p) => relativeToWorkspace(root, path.join(runDir, p)),
    (a) => a.split(RUN_DIR).join(runDir),
  );
}

/** Every file under a folder (relative, sorted), with its sha256: what collect checks before it trusts a run. */
export function pinFolder(dir: string): PinnedFile[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .sort()
    .map((f) => ({ file: posix(path.relative(dir, f)), sha256: sha256Text(fs.readFileSync(f)) }));
}

/** Run one hypothesis variant unit with the project's engine: the runs a local `hypothesis run` makes, in order. */
export async function runHypothesisUnit(
  ctx: { root: string; dir: string; shard: number; engine: Engine },
  c: CampaignFile,
  u: HypothesisUnit,
): Promise<ShardRun[]> {
  const h = hypothesisOf(c, u);
  const runs: ShardRun[] = [];
  for (const mode of h.modes) {
    const runDir = hypothesisRunDir(ctx.dir, ctx.shard, h.id, mode);
    const record = await ctx.engine.run({
      project: c.project,
      scenarioFile: h.explored,
      scenarioNames: [h.scenarioName],
      mode,
      outDir: runDir,
      timeoutMs: c.hypotheses?.timeoutMs,
    });
    runs.push({
      unit: u.id,
      hypothesis: h.id,
      mode,
      dir: posix(path.relative(shardDir(ctx.dir, ctx.shard), runDir)),
      files: pinFolder(runDir),
      record: relativeRecord(ctx.root, runDir, record),
    });
  }
  return runs;
}
