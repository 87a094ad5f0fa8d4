import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CtrlhuntError } from "../../src/errors/index.ts";
import { withLockSync } from "../../src/workspace/index.ts";

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "ctrlhunt-lock-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function run(args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", ...args], {
      stdio: ["ignore", "ignore", "inherit"],
    });
    child.on("error", reject);
    child.on("exit", (code) => resolve(code ?? -1));
  });
}

/** The pid of a process that has exited (a lock owner killed before it could release). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
  const pid = child.pid as number;
  await new Promise((r) => child.on("exit", r));
  return pid;
}

describe("workspace lock", () => {
  it("two processes incrementing a counter 50 times each under the lock lose no update", async () => {
    const lock = path.join(dir, ".ctrlhunt.lock");
    const counter = path.join(dir, "counter");
    fs.writeFileSync(counter, "0");
    const worker = path.join(import.meta.dirname, "lock-worker.ts");
    const codes = await Promise.all([run([worker, lock, counter, "50"]), run([worker, lock, counter, "50"])]);
    expect(codes).toEqual([0, 0]);
    expect(fs.readFileSync(counter, "utf8")).toBe("100");
    expect(fs.existsSync(lock)).toBe(false);
  });

  it("four processes × 25 increments under contention lose no update (the lock file is never seen empty)", async () => {
    const lock = path.join(dir, ".ctrlhunt.lock");
    const counter = path.join(dir, "counter");
    fs.writeFileSync(counter, "0");
    const worker = path.join(import.meta.dirname, "lock-worker.ts");
    const codes = await Promise.all([1, 2, 3, 4].map(() => run([worker, lock, counter, "25"])));
    expect(codes).toEqual([0, 0, 0, 0]);
    expect(fs.readFileSync(counter, "utf8")).toBe("100");
    expect(fs.readdirSync(dir).sort()).toEqual(["counter"]); // no temp or stale files left behind
  });

  it("takes over a lock whose owner is dead", async () => {
    const lock = path.join(dir, ".ctrlhunt.lock");
    fs.writeFileSync(lock, String(await deadPid()));
    const started = Date.now();
    expect(withLockSync(lock, () => fs.readFileSync(lock, "utf8"), { timeoutMs: 5000 })).toBe(
      String(process.pid),
    );
    expect(Date.now() - started).toBeLessThan(2000);
    expect(fs.existsSync(lock)).toBe(false);
  });

  it("waits for a live owner and gives up with CTRLHUNT_LOCK_TIMEOUT", () => {
    const lock = path.join(dir, ".ctrlhunt.lock");
    fs.writeFileSync(lock, String(process.ppid)); // our parent is alive
    try {
      withLockSync(lock, () => "never", { timeoutMs: 150 });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CtrlhuntError);
      expect((e as CtrlhuntError).code).toBe("CTRLHUNT_LOCK_TIMEOUT");
    }
    expect(fs.readFileSync(lock, "utf8")).toBe(String(process.ppid)); // a live owner's lock is never removed
  });

  it("is re-entrant within a process and released when the body throws", () => {
    const lock = path.join(dir, ".ctrlhunt.lock");
    expect(withLockSync(lock, () => withLockSync(lock, () => 42))).toBe(42);
    expect(() =>
      withLockSync(lock, () => {
        throw new Error("boom");
      }),
    ).toThrow("boom");
    expect(fs.existsSync(lock)).toBe(false);
  });
});
