import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  type ObjectStore,
  planCampaign,
  putPlan,
  runShardToStore,
  verifyStore,
} from "../../src/campaign/index.ts";
import { clockFromEnv } from "../../src/workspace/index.ts";
import { tempWorkspace } from "../helpers/temp-workspace.ts";
import { EPOCH, KRATIX } from "./helpers.ts";

/** The sync helper on a map (no S3, no network): the order of publication is the folder's order of truth. */

const clock = clockFromEnv(EPOCH);
const roots: string[] = [];
afterAll(() => {
  for (const r of roots) fs.rmSync(r, { recursive: true, force: true });
});

function memoryStore(): ObjectStore & { objects: Map<string, Uint8Array>; log: string[] } {
  const objects = new Map<string, Uint8Array>();
  const log: string[] = [];
  return {
    place: { label: "mem://c", runArgs: "--bucket mem://c" },
    objects,
    log,
    list: async (prefix) => [...objects.keys()].filter((k) => k.startsWith(prefix)),
    get: async (key) => objects.get(key),
    put: async (key, body) => {
      log.push(`put ${key}`);
      objects.set(key, body);
    },
    delete: async (key) => {
      log.push(`delete ${key}`);
      objects.delete(key);
    },
  };
}

describe("campaign sync", () => {
  it("publishes a shard's old record first, its dumps, and its new record last; checks name the store", async () => {
    const root = tempWorkspace(["kratix-lite"]);
    roots.push(root);
    const store = memoryStore();
    const c = await planCampaign(root, {
      project: "kratix-lite",
      inputs: KRATIX,
      mode: "exploration",
      trials: 6,
      shards: 2,
    });
    expect(await putPlan(store, c)).toBe("mem://c/campaign.json");
    await expect(putPlan(store, { ...c, sha256: "other" })).rejects.toThrow(/already holds another campaign/);

    await runShardToStore(root, store, 0, { clock });
    store.log.length = 0;
    const record = await runShardToStore(root, store, 0, { clock }); // a re-run
    const keys = store.log.filter((l) => l.includes("shards/0/"));
    expect(keys[0]).toBe("delete shards/0/shard.json");
    expect(keys.at(-1)).toBe("put shards/0/shard.json");
    expect(keys.filter((l) => l.startsWith("put ")).slice(0, -1)).toEqual(
      record.dumps.map((d) => `put shards/0/${d.file}`),
    );

    const check = await verifyStore(store);
    expect(check.shards.map((s) => s.status)).toEqual(["complete", "missing"]);
    expect(check.rerun).toEqual(["ctrlhunt campaign run --bucket mem://c --shard 1"]);
    // a tampered plan is refused with the store's name, not the scratch folder's
    const plan = JSON.parse(Buffer.from(store.objects.get("campaign.json") as Uint8Array).toString("utf8"));
    store.objects.set("campaign.json", Buffer.from(JSON.stringify({ ...plan, seed: 7 })));
    await expect(verifyStore(store)).rejects.toThrow(
      "mem://c/campaign.json: content does not match its sha256",
    );
    expect(fs.readdirSync(path.join(root, "evidence"))).toEqual([]);
  });
});
