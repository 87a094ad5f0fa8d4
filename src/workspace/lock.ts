import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { CtrlhuntError } from "../errors/index.ts";

/**
 * The workspace lock serialises ctrlhunt processes that write records. It is a file, created atomically with
 * the owner's pid already in it; a lock whose owner is dead (killed with SIGKILL) is taken over.
 */
export interface LockOptions {
  timeoutMs?: number;
  pollMs?: number;
}

/** Who holds a lock: its pid, and for the hunt lock the command line (a bare pid in the workspace lock). */
export interface LockHolder {
  pid: number;
  command?: string;
}

function holderIn(raw: string): LockHolder | undefined {
  try {
    const text = raw.trim();
    const h = (text.startsWith("{") ? JSON.parse(text) : { pid: Number(text) }) as LockHolder;
    return Number.isInteger(h.pid) && h.pid > 0 ? h : undefined;
  } catch {
    return undefined;
  }
}

function readHolder(file: string): LockHolder | undefined {
  try {
    return holderIn(fs.readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}

/** The pid recorded in a lock file; undefined when the file is gone or does not hold a pid. */
function readPid(file: string): number | undefined {
  return readHolder(file)?.pid;
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

const unique = () => `${process.pid}.${randomBytes(4).toString("hex")}`;

/**
 * Create the lock file already holding our pid: write a private temp file, then hard-link it into place
 * (link fails if the lock exists). A lock file is therefore never seen empty, which would read as "owner dead".
 */
function tryCreate(lockFile: string, content = String(process.pid)): boolean {
  const tmp = `${lockFile}.${unique()}.tmp`;
  fs.writeFileSync(tmp, content);
  try {
    fs.linkSync(tmp, lockFile);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    return false;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

/**
 * Remove a lock whose owner is dead. The lock is renamed aside (atomic, one contender wins) and its pid checked
 * again: if it is no longer the dead owner's (a live process re-created it meanwhile) it is linked back.
 * Residual race: a third process acquiring in the microseconds between rename and link-back, after a crash.
 */
function takeOverIfDead(lockFile: string): void {
  let text: string;
  try {
    text = fs.readFileSync(lockFile, "utf8");
  } catch {
    // Released since our create failed: nothing to take over. Treating a vanished file as a dead owner would rename
    // aside the lock a live process creates the next moment, and let a third one in while it is linked back.
    // Unreadable (not a file, no permission): not ours to remove; the wait times out naming the lock file.
    return;
  }
  const owner = holderIn(text)?.pid; // undefined: not a pid (hand-edited) — treated as dead
  if (owner !== undefined && alive(owner)) return;
  const grave = `${lockFile}.${unique()}.stale`;
  try {
    fs.renameSync(lockFile, grave);
  } catch {
    return; // gone already, or another contender moved it
  }
  const moved = readPid(grave);
  if (moved !== owner && moved !== undefined && alive(moved)) {
    try {
      fs.linkSync(grave, lockFile);
    } catch {
      /* re-acquired by someone else meanwhile */
    }
  }
  fs.rmSync(grave, { force: true });
}

function tryAcquire(lockFile: string): boolean {
  if (tryCreate(lockFile)) return true;
  takeOverIfDead(lockFile);
  return false;
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
    // never remove a lock that is no longer ours (it would free another process's critical section)
    if (readPid(lockFile) === process.pid) fs.rmSync(lockFile, { force: true });
  }
}

/**
 * Hold a lock for a long operation (one hunt per project) without waiting: when a live process holds it, fail at
 * once naming that process (CTRLHUNT_HUNT_LOCKED, exit 75); a dead holder's lock is taken over. Returns the release.
 */
export function holdLock(lockFile: string, command: string, what: string): () => void {
  const content = JSON.stringify({ pid: process.pid, command });
  for (let attempt = 0; !tryCreate(lockFile, content); attempt++) {
    const holder = readHolder(lockFile);
    if (holder && alive(holder.pid))
      throw new CtrlhuntError(
        "CTRLHUNT_HUNT_LOCKED",
        `${what} is already running in process ${holder.pid}${holder.command ? ` (${holder.command})` : ""}; wait for it to finish or stop it (lock: ${lockFile})`,
      );
    if (attempt >= 3)
      throw new CtrlhuntError("CTRLHUNT_HUNT_LOCKED", `${what}: cannot take the lock ${lockFile}`);
    takeOverIfDead(lockFile);
  }
  return () => {
    if (readPid(lockFile) === process.pid) fs.rmSync(lockFile, { force: true });
  };
}
