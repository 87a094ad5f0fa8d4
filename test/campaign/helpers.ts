import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { BIN } from "../helpers/temp-workspace.ts";

export const EPOCH = { SOURCE_DATE_EPOCH: "1767225600" };
export const KRATIX = "projects/kratix-lite/scenarios/k5_work-placement-status-race.json";

/**
 * `ctrlhunt campaign run <target>` as its own process, with the pod's env contract (JOB_COMPLETION_INDEX; for a
 * bucket, the AWS_* variables in `env`). `target`: the folder, or the `--bucket …` arguments.
 */
export function shardProcess(
  root: string,
  target: string | string[],
  shard: number,
  env: NodeJS.ProcessEnv = {},
) {
  return spawn(process.execPath, [BIN, "campaign", "run", ...[target].flat()], {
    cwd: root,
    env: { ...process.env, ...EPOCH, ...env, JOB_COMPLETION_INDEX: String(shard) },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** Run shard processes to completion; resolves with their exit codes. */
export function runShardProcesses(
  root: string,
  target: string | string[],
  shards: number[],
  env: NodeJS.ProcessEnv = {},
): Promise<number[]> {
  return Promise.all(
    shards.map(
      (i) =>
        new Promise<number>((resolve) => {
          const p = shardProcess(root, target, i, env);
          let stderr = "";
          p.stderr.on("data", (d) => {
            stderr += d;
          });
          p.on("close", (code) => {
            if (code !== 0) process.stderr.write(`shard ${i} exited ${code}:\n${stderr}\n`);
            resolve(code ?? -1);
          });
        }),
    ),
  );
}

/** relative path → bytes of every file under `dir`. */
export function treeBytes(dir: string): Map<string, Buffer> {
  return new Map(
    fs
      .readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => {
        const file = path.join(e.parentPath, e.name);
        return [path.relative(dir, file), fs.readFileSync(file)] as const;
      })
      .sort(([a], [b]) => a.localeCompare(b)),
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
