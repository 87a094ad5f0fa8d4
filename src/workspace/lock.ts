import fs from "node:fs";
import { CtrlhuntError } from "../errors/index.ts";

/**
 * The workspace lock serialises ctrlhunt processes that write records. It is a file created with O_EXCL
 * holding the owner's pid; a lock whose owner is dead (killed with SIGKILL) is taken over.
 */
export interface LockOptions {
  timeoutMs?: number;
  pollMs?: number;
}

function ownerAlive(lockFile: string): boolean {
  let pid: number;
  try {
    pid = Number(fs.readFileSync(lockFile, "utf8").trim());
  } catch {
    return false;
  }
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

function tryAcquire(lockFile: string): boolean {
  try {
    const fd = fs.openSync(lockFile, "wx");
    fs.writeSync(fd, String(process.pid));
    fs.closeSync(fd);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    if (!ownerAlive(lockFile)) {
      // Take over a dead owner's lock: rename is atomic, so only one contender wins the removal.
      const grave = `${lockFile}.${process.pid}.stale`;
      try {
        fs.renameSync(lockFile, grave);
        fs.rmSync(grave, { force: true });
      } catch {
        /* someone else took it over first */
      }
    }
    return false;
  }
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));
function sleepSync(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

const held = new Map<string, number>();

/** Run `fn` holding the lock (re-entrant within one process). */
export function withLockSync<T>(lockFile: string, fn: () => T, opts: LockOptions = {}): T {
  const depth = held.get(lockFile) ?? 0;
  if (depth > 0) {
    held.set(lockFile, depth + 1);
    try {
      return fn();
    } finally {
      held.set(lockFile, depth);
    }
  }
  const deadline = Date.now() + (opts.timeoutMs ?? 30_000);
  while (!tryAcquire(lockFile)) {
    if (Date.now() > deadline) {
      throw new CtrlhuntError(
        "CTRLHUNT_LOCK_TIMEOUT",
        `workspace is locked by another ctrlhunt process (${lockFile})`,
      );
    }
    sleepSync(opts.pollMs ?? 5 + Math.floor(Math.random() * 10));
  }
  held.set(lockFile, 1);
  try {
    return fn();
  } finally {
    held.delete(lockFile);
    fs.rmSync(lockFile, { force: true });
  }
}
