import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { CtrlhuntError, isCtrlhuntError } from "../errors/index.ts";
import type { EvidenceStore } from "../evidence/index.ts";
import { CampaignFile, type ShardRecord } from "../formats/campaign.ts";
import { serializeRecord, tempPathBeside, validateRecord, writeFileAtomic } from "../workspace/index.ts";
import { type Collected, type CollectOptions, collectCampaign } from "./collect.ts";
import { CAMPAIGN_FILE, campaignFile, readCampaign, shardDir, shardRecordFile } from "./layout.ts";
import { type RunShardOptions, runShard } from "./run-shard.ts";
import type { ObjectStore } from "./store.ts";
import { type CampaignCheck, verifyCampaign } from "./verify.ts";

/**
 * The sync helper between an object store (a bucket) and the folder layout: a shard runs in a scratch folder and
 * is published to the store; status and collect mirror the store into a folder and run the folder checks on it.
 * So a bucket campaign has exactly the folder semantics, and the core never learns about buckets.
 */

/**
 * Keys a mirror takes: shard records, dumps and hypothesis units' run folders (`hypotheses/…`, any depth). Anything
 * else under the prefix is not the campaign's; a `.`/`..` or empty segment would land outside the mirror.
 */
const CAMPAIGN_KEY = /^shards\/\d+\/(shard\.json|dumps\/[^/]+|hypotheses\/.+)$/;
const isCampaignKey = (k: string) =>
  CAMPAIGN_KEY.test(k) && k.split("/").every((seg) => seg !== "" && seg !== "." && seg !== "..");
/** Requests in flight at once: a shard's dumps are many small objects, and one at a time is latency-bound. */
const PARALLEL = 8;

const recordKey = (shard: number) => `shards/${shard}/shard.json`;

/** Run `fn` over `items`, `limit` at a time; the first failure stops taking new items and is thrown. */
async function eachLimit<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>) {
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      const item = items[next++] as T;
      try {
        await fn(item);
      } catch (e) {
        failed = true;
        throw e;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** Write a mirrored object whole or not at all (a rename; no sync: collect checks every dump's sha256). */
function writeMirrored(file: string, bytes: Uint8Array): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = tempPathBeside(file);
  fs.writeFileSync(tmp, bytes);
  fs.renameSync(tmp, file);
}

const scratch = (what: string) => fs.mkdtempSync(path.join(os.tmpdir(), `ctrlhunt-${what}-`));

/** Messages about the mirror name the store: `/tmp/…/campaign.json` means nothing to whoever planned the bucket. */
function relabel(e: unknown, dir: string, store: ObjectStore): unknown {
  if (!isCtrlhuntError(e)) return e;
  const swap = (s: string) => s.split(dir).join(store.place.label);
  return new CtrlhuntError(e.code, swap(e.message), {
    exitCode: e.exitCode,
    issues: e.issues.map((i) => ({ ...i, ...(i.file ? { file: swap(i.file) } : {}) })),
  });
}

async function planBytes(store: ObjectStore): Promise<Uint8Array> {
  const bytes = await store.get(CAMPAIGN_FILE);
  if (!bytes)
    throw new CtrlhuntError(
      "CTRLHUNT_NOT_FOUND",
      `${store.place.label}/${CAMPAIGN_FILE} does not exist (run \`ctrlhunt campaign plan … --bucket ${store.place.label}\`, or upload a planned folder's ${CAMPAIGN_FILE} there)`,
    );
  return bytes;
}

const shaOf = (bytes: Uint8Array): string | undefined => {
  try {
    return (JSON.parse(Buffer.from(bytes).toString("utf8")) as { sha256?: string }).sha256;
  } catch {
    return undefined;
  }
};

/** Write a plan to the store, byte for byte the folder's campaign.json. A store holding another campaign is refused. */
export async function putPlan(store: ObjectStore, c: CampaignFile): Promise<string> {
  const key = `${store.place.label}/${CAMPAIGN_FILE}`;
  const existing = await store.get(CAMPAIGN_FILE);
  if (existing && shaOf(existing) !== c.sha256)
    throw new CtrlhuntError(
      "CTRLHUNT_USAGE",
      `${store.place.label} already holds another campaign; use a fresh prefix`,
    );
  const text = serializeRecord(validateRecord(CampaignFile, c, key), CAMPAIGN_FILE);
  await store.put(CAMPAIGN_FILE, Buffer.from(text));
  return key;
}

/** Copy the store's plan into `dir` and check it exactly as a folder's plan is checked (schema, content hash). */
export async function pullPlan(store: ObjectStore, dir: string): Promise<CampaignFile> {
  const bytes = await planBytes(store);
  writeFileAtomic(campaignFile(dir), bytes);
  try {
    return readCampaign(dir);
  } catch (e) {
    throw relabel(e, dir, store);
  }
}

/** The store's plan, checked as a folder's is (for `campaign k8s --bucket`, which needs no folder). */
export async function fetchPlan(store: ObjectStore): Promise<CampaignFile> {
  const dir = scratch("plan");
  try {
    return await pullPlan(store, dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Publish a finished shard from its folder, in the folder's order of truth: the old record goes first (a re-run never
 * leaves an old record over new dumps), then dumps this run did not write, then the dumps, and the record last — its
 * presence means complete. A publisher killed anywhere in between leaves dumps without a record: incomplete.
 */
export async function pushShard(store: ObjectStore, dir: string, record: ShardRecord): Promise<void> {
  const prefix = `shards/${record.shard}/`;
  await store.delete(recordKey(record.shard));
  const files = [
    ...record.dumps.map((d) => d.file),
    ...record.runs.flatMap((r) => r.files.map((f) => path.posix.join(r.dir, f.file))),
  ];
  const written = new Set(files.map((f) => prefix + f));
  const stale = (await store.list(prefix)).filter((k) => !written.has(k));
  await eachLimit(stale, PARALLEL, (k) => store.delete(k));
  await eachLimit(files, PARALLEL, (f) =>
    store.put(prefix + f, fs.readFileSync(path.join(shardDir(dir, record.shard), ...f.split("/")))),
  );
  await store.put(recordKey(record.shard), fs.readFileSync(shardRecordFile(dir, record.shard)));
}

/** An existing `dir` must be empty or a mirror of this same campaign (whose shards are then replaced). */
function prepareMirror(dir: string, plan: Uint8Array, store: ObjectStore): void {
  if (!fs.existsSync(dir) || fs.readdirSync(dir).length === 0) return;
  const local = fs.existsSync(campaignFile(dir)) ? shaOf(fs.readFileSync(campaignFile(dir))) : undefined;
  if (local === undefined || local !== shaOf(plan))
    throw new CtrlhuntError(
      "CTRLHUNT_USAGE",
      `${dir} is not empty and is no copy of the campaign in ${store.place.label}; give a fresh folder`,
    );
  fs.rmSync(path.join(dir, "shards"), { recursive: true, force: true });
}

/**
 * Mirror the store's campaign into `dir`: the plan, every shard record and every dump, so the folder checks and
 * collection run on it unchanged. Objects of a shard being re-run may change under the mirror: the checks catch that.
 */
export async function pullCampaign(store: ObjectStore, dir: string): Promise<CampaignFile> {
  prepareMirror(dir, await planBytes(store), store);
  const c = await pullPlan(store, dir);
  const keys = (await store.list("shards/")).filter(isCampaignKey);
  await eachLimit(keys, PARALLEL, async (k) => {
    const bytes = await store.get(k);
    if (bytes) writeMirrored(path.join(dir, ...k.split("/")), bytes); // gone since listed: a shard re-running
  });
  return c;
}

/** Run shard i of a store's campaign in a scratch folder, then publish it (pushShard). Idempotent, as in a folder. */
export async function runShardToStore(
  root: string,
  store: ObjectStore,
  shard: number,
  o: RunShardOptions = {},
): Promise<ShardRecord> {
  const dir = scratch("shard");
  try {
    await pullPlan(store, dir);
    const record = await runShard(root, dir, shard, o);
    await pushShard(store, dir, record);
    return record;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The folder checks on a mirror of the store (every dump's sha256 needs its bytes). */
export async function verifyStore(store: ObjectStore): Promise<CampaignCheck> {
  const dir = scratch("status");
  try {
    await pullCampaign(store, dir);
    return verifyCampaign(dir, store.place);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Collect a store's campaign: mirror it into `dir` (kept; a scratch folder when absent), then verify and record it
 * exactly as a folder is collected.
 */
export async function collectStore(
  store: ObjectStore,
  evidence: EvidenceStore,
  dir?: string,
  opts: Omit<CollectOptions, "place"> = {},
): Promise<Collected & { dir?: string }> {
  const target = dir ?? scratch("collect");
  try {
    await pullCampaign(store, target);
    const collected = await collectCampaign(target, evidence, { ...opts, place: store.place });
    return { ...collected, ...(dir ? { dir } : {}) };
  } finally {
    if (!dir) fs.rmSync(target, { recursive: true, force: true });
  }
}
