import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { BIN } from "../helpers/temp-workspace.ts";

export const EPOCH = { SOURCE_DATE_EPOCH: "1767225600" };
export const KRATIX = "projects/kratix-lite/scenarios/k5_work-placement-status-race.json";

/** `ctrlhunt campaign run <dir>` as its own process, with the pod's env contract (JOB_COMPLETION_INDEX). */
export function shardProcess(root: string, dir: string, shard: number) {
  return spawn(process.execPath, [BIN, "campaign", "run", dir], {
    cwd: root,
    env: { ...process.env, ...EPOCH, JOB_COMPLETION_INDEX: String(shard) },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** Run shard processes to completion; resolves with their exit codes. */
export function runShardProcesses(root: string, dir: string, shards: number[]): Promise<number[]> {
  return Promise.all(
    shards.map(
      (i) =>
        new Promise<number>((resolve) => {
          const p = shardProcess(root, dir, i);
          p.on("close", (code) => resolve(code ?? -1));
        }),
    ),
  );
}

/** name → bytes of every dump in a folder. */
export function dumpBytes(dir: string): Map<string, Buffer> {
  return new Map(
    fs
      .readdirSync(dir)
      .filter((f) => f.endsWith(".jsonl"))
      .map((f) => [f, fs.readFileSync(path.join(dir, f))]),
  );
}
