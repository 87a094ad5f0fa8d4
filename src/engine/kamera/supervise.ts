import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/** One supervised child process: its own process group, output appended to a log file, a hard deadline. */
export interface SuperviseOptions {
  program: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** stdout and stderr both go here (appended), so the log survives whatever happens to us. */
  logFile: string;
  /** SIGTERM to the whole group at this deadline, SIGKILL `graceMs` later. */
  timeoutMs?: number;
  graceMs?: number;
  signal?: AbortSignal;
}

export interface SuperviseResult {
  exitCode: number | null;
  exitSignal: NodeJS.Signals | null;
  timedOut: boolean;
  aborted: boolean;
  /** Set when the program could not be started at all (ENOENT, EACCES …). */
  spawnError?: string;
  pid?: number;
}

/** Signal every process in a group; a group that is already gone is not an error. */
function signalGroup(pgid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(-pgid, sig);
  } catch {
    /* ESRCH: nothing left in the group */
  }
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Wait until no process of the group is left (SIGKILL is delivered asynchronously: a member on another CPU may
 * still be running for a moment after it was sent), at most `ms` — members that are zombies nobody reaps count as
 * alive to kill(2), and must not hang the run.
 */
async function groupGone(pgid: number, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (groupAlive(pgid) && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
}

/**
 * Run a program with an argument array (never a shell) as the leader of a new process group. At the deadline
 * (or on abort) the whole group gets SIGTERM, then SIGKILL after the grace period; once the leader exits, any
 * member still running is killed too, so nothing a harness started outlives its run.
 */
export function runSupervised(opts: SuperviseOptions): Promise<SuperviseResult> {
  fs.mkdirSync(path.dirname(opts.logFile), { recursive: true });
  const fd = fs.openSync(opts.logFile, "a");
  let child: ReturnType<typeof spawn>;
  try {
    child = spawn(opts.program, opts.args, {
      cwd: opts.cwd,
      env: opts.env,
      detached: true,
      stdio: ["ignore", fd, fd],
    });
  } finally {
    fs.closeSync(fd); // the child holds its own copy of the descriptor
  }
  return new Promise((resolve) => {
    let timedOut = false;
    let aborted = false;
    let settled = false;
    const timers: NodeJS.Timeout[] = [];
    const stop = () => {
      if (child.pid === undefined) return;
      signalGroup(child.pid, "SIGTERM");
      timers.push(setTimeout(() => child.pid && signalGroup(child.pid, "SIGKILL"), opts.graceMs ?? 2000));
    };
    const onAbort = () => {
      aborted = true;
      stop();
    };
    const finish = (r: Omit<SuperviseResult, "timedOut" | "aborted" | "pid">) => {
      if (settled) return;
      settled = true;
      for (const t of timers) clearTimeout(t);
      opts.signal?.removeEventListener("abort", onAbort);
      resolve({ ...r, timedOut, aborted, pid: child.pid });
    };
    if (opts.timeoutMs !== undefined && opts.timeoutMs > 0) {
      timers.push(
        setTimeout(() => {
          timedOut = true;
          stop();
        }, opts.timeoutMs),
      );
    }
    if (opts.signal?.aborted) onAbort();
    else opts.signal?.addEventListener("abort", onAbort, { once: true });
    child.on("error", (e) => finish({ exitCode: null, exitSignal: null, spawnError: e.message }));
    child.on("exit", (code, sig) => {
      const pgid = child.pid;
      if (pgid === undefined) return finish({ exitCode: code, exitSignal: sig });
      signalGroup(pgid, "SIGKILL"); // leftovers of the group
      void groupGone(pgid, 1000).then(() => finish({ exitCode: code, exitSignal: sig }));
    });
  });
}
