import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseBucketUrl } from "../../src/campaign/index.ts";
import type { RunRecord } from "../../src/formats/run-record.ts";
import { runCli } from "../helpers/run-cli.ts";
import { tempWorkspace } from "../helpers/temp-workspace.ts";
import { EPOCH, KRATIX, runShardProcesses, treeBytes } from "./helpers.ts";
import { type FakeS3, startFakeS3 } from "./s3-server.ts";

/**
 * Issue 15: a campaign's output in an S3-compatible bucket (@aws-sdk/client-s3 against an in-process fake S3 on
 * localhost) has the folder's semantics: the same campaign file, the same evidence once collected, a shard killed
 * before its record is named with the command that re-runs it, and a failing bucket is one clear error.
 */

const KEY = { AWS_ACCESS_KEY_ID: "AKIACTRLHUNTTEST", AWS_SECRET_ACCESS_KEY: "not-a-real-secret" };
const ENV = { ...EPOCH, ...KEY, AWS_SESSION_TOKEN: undefined, AWS_REGION: undefined };

let s3: FakeS3;
const roots: string[] = [];
beforeAll(async () => {
  // Small list pages, so listing a shard's dumps goes through continuation tokens.
  s3 = await startFakeS3({ buckets: ["campaigns"], accessKeyId: KEY.AWS_ACCESS_KEY_ID, pageSize: 7 });
});
afterAll(async () => {
  await s3.close();
  for (const r of roots) fs.rmSync(r, { recursive: true, force: true });
});

function workspace(): string {
  const root = tempWorkspace(["kratix-lite"]);
  roots.push(root);
  return root;
}

const bucketArgs = (prefix: string) => ["--bucket", `s3://campaigns/${prefix}`, "--endpoint", s3.endpoint];
const planArgs = (trials: number, shards: number) => [
  "campaign",
  "plan",
  "kratix-lite",
  "--inputs",
  KRATIX,
  "--mode",
  "exploration",
  "--trials",
  String(trials),
  "--shards",
  String(shards),
];
const objectsUnder = (prefix: string) =>
  [...s3.objects.keys()].filter((k) => k.startsWith(`campaigns/${prefix}/`)).sort();

async function cli(root: string, args: string[], env: NodeJS.ProcessEnv = ENV) {
  return runCli(args, { cwd: root, env });
}

describe("campaign in a bucket", () => {
  it("plans, runs as shard processes and collects into the evidence a folder campaign leaves, byte for byte", async () => {
    const folderRoot = workspace();
    const dir = path.join(folderRoot, "campaign");
    const planned = await cli(folderRoot, [...planArgs(24, 2), "--out", dir]);
    expect(planned.code, planned.stderr).toBe(0);
    expect(await runShardProcesses(folderRoot, dir, [0, 1])).toEqual([0, 0]);
    const folder = await cli(folderRoot, ["campaign", "collect", dir, "--json"]);
    expect(folder.code, folder.stderr).toBe(0);

    const bucketRoot = workspace();
    const b = bucketArgs("k5");
    const plan = await cli(bucketRoot, [...planArgs(24, 2), ...b]);
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toContain("written to s3://campaigns/k5/campaign.json");
    expect(plan.stdout).toContain(
      `next: ctrlhunt campaign run --bucket s3://campaigns/k5 --endpoint ${s3.endpoint}`,
    );
    // the plan in the bucket is the folder's campaign.json, byte for byte
    expect(
      s3.objects.get("campaigns/k5/campaign.json")?.equals(fs.readFileSync(path.join(dir, "campaign.json"))),
    ).toBe(true);
    // pods: JOB_COMPLETION_INDEX and the AWS_* variables, nothing else
    expect(await runShardProcesses(bucketRoot, b, [0, 1], KEY)).toEqual([0, 0]);
    expect(objectsUnder("k5")).toHaveLength(1 + 2 + 24); // plan, two records, the dumps
    const status = await cli(bucketRoot, ["campaign", "status", ...b]);
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toContain("complete");
    const collected = await cli(bucketRoot, ["campaign", "collect", ...b, "--json"]);
    expect(collected.code, collected.stderr).toBe(0);

    const a = JSON.parse(folder.stdout) as RunRecord;
    const c = JSON.parse(collected.stdout) as RunRecord;
    expect(c).toEqual(a);
    expect(c.dumps).toHaveLength(24);
    // the whole ledger: every file under evidence/ byte-identical (dumps, run.json, the kept campaign.json, ids)
    const want = treeBytes(path.join(folderRoot, "evidence"));
    const got = treeBytes(path.join(bucketRoot, "evidence"));
    expect(want.size).toBeGreaterThan(24);
    expect([...got.keys()]).toEqual([...want.keys()]);
    for (const [file, bytes] of want) expect(got.get(file)?.equals(bytes), file).toBe(true);
  });

  it("names a shard killed between its dumps and its record, re-runs it idempotently, then collects", async () => {
    const root = workspace();
    const b = bucketArgs("killed");
    expect((await cli(root, [...planArgs(12, 2), ...b])).code).toBe(0);
    const ran = await cli(root, ["campaign", "run", ...b, "--shard", "0"]);
    expect(ran.code).toBe(0);
    // records stay reproducible (durationMs 0 under SOURCE_DATE_EPOCH); the line for a person says the real time
    expect(ran.stdout).toMatch(/^shard 0: 1 unit\(s\), 6 dump\(s\), \d+\.\d s\n$/);
    expect(ran.stdout).not.toContain("0.0 s");
    const shard0 = new Map(objectsUnder("killed/shards/0").map((k) => [k, s3.objects.get(k) as Buffer]));

    // A shard that dies after uploading its dumps: the record's upload fails, as a killed pod never sends it.
    s3.objects.set("campaigns/killed/shards/1/dumps/left-over.jsonl", Buffer.from("from an older run\n"));
    s3.fail = (r) =>
      r.method === "PUT" && r.key === "killed/shards/1/shard.json"
        ? { status: 500, code: "InternalError", message: "We encountered an internal error." }
        : undefined;
    const died = await cli(root, ["campaign", "run", ...b, "--shard", "1"]);
    s3.fail = undefined;
    expect(died.code).toBe(1);
    expect(died.stderr).toContain(
      "error: PutObject s3://campaigns/killed/shards/1/shard.json failed: InternalError (HTTP 500)",
    );
    expect(objectsUnder("killed/shards/1").filter((k) => k.endsWith(".jsonl"))).toHaveLength(6); // dumps, no record
    expect(objectsUnder("killed/shards/1")).not.toContain("campaigns/killed/shards/1/shard.json");

    const rerun = `ctrlhunt campaign run --bucket s3://campaigns/killed --endpoint ${s3.endpoint} --shard 1`;
    const status = await cli(root, ["campaign", "status", ...b, "--json"]);
    expect(status.code).toBe(1);
    const check = JSON.parse(status.stdout) as { shards: Array<{ status: string }>; rerun: string[] };
    expect(check.shards.map((s) => s.status)).toEqual(["complete", "incomplete"]);
    expect(check.rerun).toEqual([rerun]);
    const refused = await cli(root, ["campaign", "collect", ...b]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("s3://campaigns/killed/shards/1: incomplete: ");
    expect(refused.stderr).toContain(`re-run: ${rerun}`);
    expect(fs.readdirSync(path.join(root, "evidence"))).toEqual([]);

    // the named command, run again; and shard 0 again: the bucket ends as one clean run would leave it
    expect((await cli(root, rerun.split(" ").slice(1))).code).toBe(0);
    expect((await cli(root, ["campaign", "run", ...b, "--shard", "0"])).code).toBe(0);
    for (const [k, bytes] of shard0) expect(s3.objects.get(k)?.equals(bytes), k).toBe(true);
    expect(objectsUnder("killed")).toHaveLength(1 + 2 + 12); // the left-over dump is gone
    const mirror = path.join(root, "mirror");
    const collected = await cli(root, ["campaign", "collect", mirror, ...b, "--json"]);
    expect(collected.code, collected.stderr).toBe(0);
    expect((JSON.parse(collected.stdout) as RunRecord).dumps).toHaveLength(12);
    // the kept mirror is an ordinary campaign folder
    expect((await cli(root, ["campaign", "status", mirror])).code).toBe(0);
  });

  it("reports a failing bucket as one clear error: the bucket, the key and the S3 error, no stack", async () => {
    const root = workspace();
    const b = bucketArgs("errors");
    s3.fail = () => ({ status: 403, code: "AccessDenied", message: "Access Denied" });
    const denied = await cli(root, ["campaign", "status", ...b]);
    s3.fail = undefined;
    expect(denied.code).toBe(1);
    expect(denied.stderr).toBe(
      `error: GetObject s3://campaigns/errors/campaign.json failed: AccessDenied (HTTP 403): Access Denied (endpoint ${s3.endpoint})\n`,
    );
    const json = await cli(root, ["campaign", "collect", ...b, "--json"], {
      ...ENV,
      AWS_ACCESS_KEY_ID: "AKIAWRONG",
    });
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toEqual({
      error: {
        code: "CTRLHUNT_BUCKET_FAILED",
        message: expect.stringMatching(
          /^GetObject s3:\/\/campaigns\/errors\/campaign\.json failed: InvalidAccessKeyId \(HTTP 403\): /,
        ),
      },
    });
    const absent = await cli(root, ["campaign", "run", ...b, "--shard", "0"]);
    expect(absent.code).toBe(1);
    expect(absent.stderr).toContain("s3://campaigns/errors/campaign.json does not exist");

    const gone = await startFakeS3({ buckets: ["campaigns"], accessKeyId: KEY.AWS_ACCESS_KEY_ID });
    const endpoint = gone.endpoint;
    await gone.close(); // nothing listens there any more
    const unreachable = await cli(root, [
      "campaign",
      "status",
      "--bucket",
      "s3://campaigns/errors",
      "--endpoint",
      endpoint,
    ]);
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toMatch(
      new RegExp(
        `^error: GetObject s3://campaigns/errors/campaign\\.json failed: .*ECONNREFUSED.*\\(endpoint ${endpoint}\\)\\n$`,
      ),
    );
    expect(`${denied.stderr}${unreachable.stderr}`).not.toMatch(/\n\s+at /);

    const usage = [
      await cli(root, ["campaign", "status", "--bucket", "campaigns/errors"]),
      await cli(root, ["campaign", "status", "--bucket", "s3://campaigns/x"], {
        ...ENV,
        AWS_SECRET_ACCESS_KEY: undefined,
      }),
      await cli(root, ["campaign", "status", "somewhere", ...b]),
      await cli(root, ["campaign", "status"]),
      await cli(root, ["campaign", "status", "somewhere", "--endpoint", s3.endpoint]),
    ];
    expect(usage.map((u) => u.code)).toEqual([2, 2, 2, 2, 2]);
    expect(usage.map((u) => u.stderr.trim())).toEqual([
      'error: --bucket must be s3://<bucket>/<prefix> with a valid bucket name, got "campaigns/errors"',
      "error: AWS_SECRET_ACCESS_KEY is not set: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY go together",
      "error: give the campaign folder or --bucket <url>, not both",
      "error: give the campaign folder, or --bucket s3://bucket/prefix",
      "error: --endpoint and --region go with --bucket <url>",
    ]);
  });

  it("parses s3:// URLs, and never imports the S3 SDK at module load (the CLI starts without it)", () => {
    expect(parseBucketUrl("s3://campaigns")).toEqual({ bucket: "campaigns", prefix: "" });
    expect(parseBucketUrl("s3://campaigns/a/b/")).toEqual({ bucket: "campaigns", prefix: "a/b" });
    expect(() => parseBucketUrl("s3://Bad_Name/x")).toThrow(/valid bucket name/);
    expect(() => parseBucketUrl("s3://campaigns/a//b")).toThrow(/plain path segments/);
    const src = path.resolve(import.meta.dirname, "../../src");
    const staticImports = fs
      .readdirSync(src, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && e.name.endsWith(".ts"))
      .flatMap((e) => {
        const text = fs.readFileSync(path.join(e.parentPath, e.name), "utf8");
        return [...text.matchAll(/^import (?!type )[^;]*from "@aws-sdk\/[^"]+";/gm)].map(
          (m) => `${e.name}: ${m[0]}`,
        );
      });
    expect(staticImports).toEqual([]);
  });
});
