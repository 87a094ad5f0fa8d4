import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { ExpectedOperator } from "./score.ts";

const run = promisify(execFile);
const EXPECTED_DIR = fileURLToPath(new URL("./expected/", import.meta.url));

/** The hand-checked expected maps, one file per operator (module and pinned version inside). */
export function expectedOperators(): ExpectedOperator[] {
  return fs
    .readdirSync(EXPECTED_DIR)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => JSON.parse(fs.readFileSync(path.join(EXPECTED_DIR, f), "utf8")) as ExpectedOperator);
}

/**
 * The operator's source at its pinned version, through the Go module proxy into the module cache (read-only;
 * a second run finds it there). Its code is never copied into the repository.
 */
export async function fetchOperator(op: ExpectedOperator): Promise<string> {
  const { stdout } = await run("go", ["mod", "download", "-json", `${op.module}@${op.version}`], {
    cwd: os.tmpdir(),
    env: { ...process.env, GOTOOLCHAIN: "local", GOFLAGS: "-mod=mod", GO111MODULE: "on" },
    maxBuffer: 16 * 1024 * 1024,
    timeout: 900_000,
  });
  const info = JSON.parse(stdout) as { Dir?: string; Error?: string };
  if (!info.Dir)
    throw new Error(`${op.module}@${op.version}: ${info.Error ?? "no Dir from go mod download"}`);
  return info.Dir;
}
