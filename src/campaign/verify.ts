import fs from "node:fs";
import path from "node:path";
import { writeDumpJson } from "../engine/index.ts";
import type { Issue } from "../errors/index.ts";
import type { Dump } from "../formats/dump.ts";
import { type CampaignFile, type CampaignUnit, ShardRecord } from "../formats/campaign.ts";
import { readRecord } from "../workspace/index.ts";
import { pinFolder } from "./hypothesis-runs.ts";
import {
  type CampaignPlace,
  folderPlace,
  readCampaign,
  sha256Text,
  shardDir,
  shardRecordFile,
} from "./layout.ts";
import {
  hypothesisOf,
  hypothesisUnitsOf,
  isHypothesisUnit,
  scenarioUnitsOf,
  shardUnits,
  unitDumpCount,
} from "./units.ts";

export type ShardStatus = "complete" | "missing" | "incomplete" | "invalid";

export interface ShardCheck {
  shard: number;
  status: ShardStatus;
  problems: string[];
  record?: ShardRecord;
}

export interface CampaignCheck {
  campaign: CampaignFile;
  shards: ShardCheck[];
  /** Problems across shards (a unit written twice, a file name used twice). */
  issues: Issue[];
  complete: boolean;
  /** One command per shard that must run (again). */
  rerun: string[];
}

function readShard(dir: string, shard: number): ShardCheck {
  const file = shardRecordFile(dir, shard);
  if (!fs.existsSync(file)) {
    const files = pinFolder(shardDir(dir, shard)).length;
    return files > 0
      ? {
          shard,
          status: "incomplete",
          problems: [`${files} file(s) written but no shard.json: killed or still running`],
        }
      : { shard, status: "missing", problems: ["never ran (no shard.json)"] };
  }
  try {
    return { shard, status: "complete", problems: [], record: readRecord(ShardRecord, file) };
  } catch (e) {
    return { shard, status: "invalid", problems: [`shard.json: ${(e as Error).message}`] };
  }
}

/** What a finished shard must show: this campaign, its own units, the same provenance, every dump intact. */
function checkShard(dir: string, c: CampaignFile, s: ShardCheck): ShardCheck {
  const r = s.record;
  if (!r) return s;
  const problems: string[] = [];
  if (r.campaignSha256 !== c.sha256)
    problems.push(`ran campaign ${r.campaignSha256.slice(0, 12)}, not ${c.sha256.slice(0, 12)}`);
  if (r.shard !== s.shard) problems.push(`record says shard ${r.shard}`);
  const want = shardUnits(c, s.shard);
  if (r.units.join(",") !== want.map((u) => u.id).join(","))
    problems.push(
      `ran units [${r.units.join(",")}], shard ${s.shard} has [${want.map((u) => u.id).join(",")}]`,
    );
  for (const k of ["ctrlhuntVersion", "scenarioSha256", "modelSha256"] as const)
    if (r.provenance[k] !== c.provenance[k])
      problems.push(`${k} ${r.provenance[k]}, campaign ${c.provenance[k]}`);
  for (const u of scenarioUnitsOf(want)) {
    const n = r.dumps.filter((d) => d.unit === u.id).length;
    if (n !== unitDumpCount(u)) problems.push(`unit ${u.id}: ${n} dump(s), expected ${unitDumpCount(u)}`);
  }
  problems.push(...checkRuns(c, want, r));
  const files = [
    ...r.dumps,
    ...r.runs.flatMap((x) => x.files.map((f) => ({ ...f, file: `${x.dir}/${f.file}` }))),
  ];
  for (const d of files) {
    const file = path.join(shardDir(dir, s.shard), d.file);
    if (!fs.existsSync(file)) problems.push(`${d.file}: missing`);
    else if (sha256Text(fs.readFileSync(file)) !== d.sha256)
      problems.push(`${d.file}: sha256 differs (truncated or changed)`);
  }
  return problems.length ? { ...s, status: "invalid", problems } : s;
}

/** Each hypothesis unit ran each of its runs exactly once, and every dump a run names is among its pinned files. */
function checkRuns(c: CampaignFile, want: readonly CampaignUnit[], r: ShardRecord): string[] {
  const problems: string[] = [];
  for (const u of hypothesisUnitsOf(want)) {
    const h = hypothesisOf(c, u);
    const ran = r.runs.filter((x) => x.unit === u.id);
    const modes = ran.map((x) => x.mode);
    if (modes.join(",") !== h.modes.join(",") || ran.some((x) => x.hypothesis !== h.id))
      problems.push(`unit ${u.id} (${h.id}): ran [${modes.join(",")}], expected [${h.modes.join(",")}]`);
    for (const x of ran) {
      const pinned = new Set(x.files.map((f) => f.file));
      for (const d of x.record.dumps)
        if (!pinned.has(d)) problems.push(`${x.dir}/${d}: named by the run record, not pinned`);
    }
  }
  return problems;
}

/** Closed-loop phases were derived from a reference the plan pinned: the collected reference must be that one. */
function checkReferences(dir: string, c: CampaignFile, shards: readonly ShardCheck[]): Issue[] {
  const pinned = c.provenance.referenceSha256 ?? {};
  const issues: Issue[] = [];
  for (const s of shards) {
    for (const d of s.record?.dumps ?? []) {
      const unit = c.units[d.unit];
      if (
        d.phase !== "reference" ||
        (d.trialIndex ?? 0) !== 0 ||
        !unit ||
        isHypothesisUnit(unit) ||
        pinned[unit.scenario] === undefined
      )
        continue;
      const dump = JSON.parse(fs.readFileSync(path.join(shardDir(dir, s.shard), d.file), "utf8")) as Dump;
      if (dump.campaignMetrics) delete dump.campaignMetrics.durationNs; // the plan pinned the reproducible form
      if (sha256Text(writeDumpJson(dump)) !== pinned[unit.scenario])
        issues.push({
          file: d.file,
          path: "",
          message: `reference of "${unit.scenario}" differs from the one the phases were planned from`,
        });
    }
  }
  return issues;
}

/**
 * Completeness (every unit exactly once, every dump intact) and provenance of a campaign folder (`place`: the
 * bucket it mirrors, for the re-run commands).
 */
export function verifyCampaign(dir: string, place: CampaignPlace = folderPlace(dir)): CampaignCheck {
  const c = readCampaign(dir);
  const shards = Array.from({ length: c.shards }, (_, i) => checkShard(dir, c, readShard(dir, i)));
  const issues: Issue[] = [];
  const names = new Map<string, number>();
  for (const s of shards)
    for (const d of s.record?.dumps ?? []) {
      const name = path.basename(d.file);
      const other = names.get(name);
      if (other !== undefined && s.status === "complete")
        issues.push({ path: "", message: `${name} written by shards ${other} and ${s.shard}` });
      names.set(name, s.shard);
    }
  issues.push(
    ...checkReferences(
      dir,
      c,
      shards.filter((s) => s.status === "complete"),
    ),
  );
  const bad = shards.filter((s) => s.status !== "complete");
  return {
    campaign: c,
    shards,
    issues,
    complete: bad.length === 0 && issues.length === 0,
    rerun: bad.map((s) => `ctrlhunt campaign run ${place.runArgs} --shard ${s.shard}`),
  };
}
