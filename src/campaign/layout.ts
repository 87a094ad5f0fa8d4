import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { CtrlhuntError } from "../errors/index.ts";
import { CampaignFile } from "../formats/campaign.ts";
import { stableStringify } from "../formats/json-text.ts";
import { publishTemp, readRecord, tempPathBeside } from "../workspace/index.ts";

/**
 * A campaign folder (a local directory or, in a cluster, a ReadWriteMany volume):
 *   campaign.json                   the plan (content-hashed)
 *   shards/<i>/dumps/*.jsonl        shard i's dumps
 *   shards/<i>/hypotheses/<H>/<mode>/  a hypothesis unit's run folder (dumps/, and a kamera harness's log)
 *   shards/<i>/shard.json           written last: shard i finished (and what it wrote, with sha256s)
 */
export const CAMPAIGN_FILE = "campaign.json";

export const campaignFile = (dir: string) => path.join(dir, CAMPAIGN_FILE);
export const shardDir = (dir: string, shard: number) => path.join(dir, "shards", String(shard));
export const shardDumpsDir = (dir: string, shard: number) => path.join(shardDir(dir, shard), "dumps");
export const shardRecordFile = (dir: string, shard: number) => path.join(shardDir(dir, shard), "shard.json");

/**
 * Where a campaign lives, as messages name it and as a re-run command reaches it: its folder, or a bucket whose
 * local mirror is what the checks read (so their messages must name the bucket, not the mirror).
 */
export interface CampaignPlace {
  /** `/mnt/campaigns/k5` or `s3://bucket/k5`. */
  label: string;
  /** What follows `ctrlhunt campaign run` to reach it again: the folder, or `--bucket … [--endpoint …]`. */
  runArgs: string;
}

export const folderPlace = (dir: string): CampaignPlace => ({ label: dir, runArgs: dir });

/** sha256 of a campaign's content (every field but `sha256`, keys sorted). */
export function campaignSha256(c: Omit<CampaignFile, "sha256"> & { sha256?: string }): string {
  const { sha256: _own, ...content } = c;
  return createHash("sha256").update(stableStringify(content)).digest("hex");
}

/** Read and check a campaign folder's plan: schema, and a content hash that still matches (no hand edits). */
export function readCampaign(dir: string): CampaignFile {
  const file = campaignFile(dir);
  if (!fs.existsSync(file))
    throw new CtrlhuntError(
      "CTRLHUNT_NOT_FOUND",
      `${file} does not exist (run \`ctrlhunt campaign plan\` first)`,
    );
  const c = readRecord(CampaignFile, file);
  const actual = campaignSha256(c);
  if (actual !== c.sha256) {
    throw new CtrlhuntError("CTRLHUNT_CAMPAIGN_INVALID", `${file}: content does not match its sha256`, {
      issues: [
        {
          file,
          path: "sha256",
          message: `is ${c.sha256}, content hashes to ${actual}: edited after planning`,
        },
      ],
    });
  }
  return c;
}

export function sha256Text(text: string | Uint8Array): string {
  return createHash("sha256").update(text).digest("hex");
}

/** Hard-link a file into the ledger (a copy across file systems); either way it appears whole or not at all. */
export function placeFile(from: string, to: string): void {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  try {
    fs.linkSync(from, to);
  } catch {
    const tmp = tempPathBeside(to);
    fs.copyFileSync(from, tmp);
    publishTemp(tmp, to);
  }
}
