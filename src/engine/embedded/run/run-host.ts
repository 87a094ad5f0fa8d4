import { Worker } from "node:worker_threads";
import { CtrlhuntError, type ErrorCode, type Issue } from "../../../errors/index.ts";
import type { Scenario } from "../../../formats/workflow.ts";
import type { HostMessage, HostRequest } from "./run-host-worker.ts";
import { type ReconcilePair, SLOT, SLOT_COUNT, STOP_INTERRUPTED, STOP_MEMORY } from "./reconcile-watch.ts";
import type { ExploreOptions, ExploreOutput, WrittenOutput } from "./types.ts";

/** Defaults of a contained run: a search stops as partial past 1 GiB of heap; a reconcile gets 10 s. */
export const DEFAULT_MAX_MEMORY_MB = 1024;
export const DEFAULT_HANG_MS = 10_000;
/** How long a search gets to stop on its own after an interrupt or its deadline before its thread is ended. */
const GRACE_MS = 1000;
const TICK_MS = 100;

export interface ContainedOptions extends ExploreOptions {
  maxMemoryMb?: number;
  /** A reconcile running longer than this is a hung controller. */
  hangMs?: number;
  progressMs?: number;
}

export interface ContainedResult<O = ExploreOutput> {
  outputs: O[];
  /** Why the search stopped early, besides its deadline (memory budget). */
  warnings: string[];
}

/**
 * One thread that runs whole scenario explorations (never one step: a step is ≈ 40 µs, a thread message more), kept
 * between runs because starting it loads TypeScript. It is replaced after it had to be terminated.
 */
let idle: Worker | undefined;

function takeWorker(): Worker {
  // A JS boot file: it starts the compiled worker, or registers TypeScript loading first when run from sources.
  const w = idle ?? new Worker(new URL("./run-host-boot.mjs", import.meta.url));
  idle = undefined;
  w.ref();
  return w;
}

function release(w: Worker): void {
  w.removeAllListeners("message");
  w.removeAllListeners("error");
  w.removeAllListeners("exit");
  w.unref(); // an idle host never keeps the process alive
  if (idle) void idle.terminate();
  idle = w;
}

function hung(pair: ReconcilePair | undefined, ms: number): CtrlhuntError {
  const what = pair
    ? `controller ${pair.controller} did not return from its reconcile of ${pair.request.namespace ? `${pair.request.namespace}/` : ""}${pair.request.name}`
    : "the search did not stop";
  return new CtrlhuntError(
    "CTRLHUNT_CONTROLLER_HUNG",
    `${what} within ${(ms / 1000).toFixed(1)} s (an endless loop or a promise that never settles?); the run was stopped`,
  );
}

function failure(m: Extract<HostMessage, { type: "failed" }>): CtrlhuntError {
  const code = (m.code?.startsWith("CTRLHUNT_") ? m.code : "CTRLHUNT_ENGINE_FAILED") as ErrorCode;
  return new CtrlhuntError(code, m.message, {
    issues: Array.isArray(m.issues) ? (m.issues as Issue[]) : [],
    ...(m.exitCode !== undefined ? { exitCode: m.exitCode } : {}),
  });
}

/**
 * Explore one scenario of a project.ts on the run host: an interrupt (`signal`) or the deadline stops the search
 * within a second even when a reconcile never returns; a hung reconcile is named (controller and request); the heap
 * budget stops the search as partial. Results are those of exploreScenario.
 */
export function exploreContained(
  projectFile: string,
  scenario: Scenario,
  opts: ContainedOptions,
): Promise<ContainedResult> {
  return hostRun<ExploreOutput>(projectFile, scenario, opts, undefined);
}

/**
 * exploreContained, the dumps written into `dumpsDir` (atomically) by the thread that produced each — the run host
 * or a trial worker — so only their summaries cross threads: funnelling every dump back to this thread to be
 * serialised and written here is what kept `--workers 2` from being faster than one. A run stopped part-way
 * leaves the dumps it finished.
 */
export function exploreContainedInto(
  projectFile: string,
  scenario: Scenario,
  opts: ContainedOptions,
  dumpsDir: string,
): Promise<ContainedResult<WrittenOutput>> {
  return hostRun<WrittenOutput>(projectFile, scenario, opts, dumpsDir);
}

function hostRun<O>(
  projectFile: string,
  scenario: Scenario,
  opts: ContainedOptions,
  dumpsDir: string | undefined,
): Promise<ContainedResult<O>> {
  const { onEvent, signal, maxMemoryMb, hangMs, progressMs, ...plain } = opts;
  const slots = new Int32Array(new SharedArrayBuffer(SLOT_COUNT * 4));
  const req: HostRequest = {
    projectFile,
    scenario,
    opts: plain,
    ...(dumpsDir !== undefined ? { dumpsDir } : {}),
    slots: slots.buffer as SharedArrayBuffer,
    maxMemoryMb: maxMemoryMb ?? DEFAULT_MAX_MEMORY_MB,
    progressMs: progressMs ?? 500,
  };
  const deadline = opts.timeoutMs !== undefined ? Date.now() + opts.timeoutMs : undefined;
  const hangAfter = hangMs ?? DEFAULT_HANG_MS;
  const w = takeWorker();
  const pairs = new Map<number, ReconcilePair>();
  return new Promise<ContainedResult<O>>((resolve, reject) => {
    let stopAsked: number | undefined;
    let seen = { seq: -1, at: Date.now() };
    let settled = false;
    const finish = (fn: () => void, reuse: boolean) => {
      if (settled) return;
      settled = true;
      clearInterval(timer);
      signal?.removeEventListener("abort", onAbort);
      if (reuse) release(w);
      else void w.terminate();
      fn();
    };
    const kill = (e: CtrlhuntError) => finish(() => reject(e), false);
    const onAbort = () => {
      Atomics.compareExchange(slots, SLOT.stop, 0, STOP_INTERRUPTED);
      stopAsked ??= Date.now();
    };
    const interrupted = () =>
      new CtrlhuntError("CTRLHUNT_INTERRUPTED", `interrupted during ${scenario.name}`);
    const timer = setInterval(() => {
      const now = Date.now();
      if (stopAsked !== undefined && now - stopAsked > GRACE_MS) return kill(interrupted());
      const seq = Atomics.load(slots, SLOT.seq);
      if (seq !== seen.seq) seen = { seq, at: now };
      const busy = Atomics.load(slots, SLOT.busy) === 1;
      // Past the deadline a search stops on its own within milliseconds unless user code holds the thread.
      const late = deadline !== undefined && now > deadline + (busy ? GRACE_MS : hangAfter);
      if (late || (busy && now - seen.at > hangAfter)) kill(hung(current(), now - seen.at));
    }, TICK_MS);
    const current = () =>
      Atomics.load(slots, SLOT.busy) === 1 ? pairs.get(Atomics.load(slots, SLOT.pair)) : undefined;
    w.on("message", (m: HostMessage) => {
      if (m.type === "pair") pairs.set(m.index, m.pair);
      else if (m.type === "event") onEvent?.(m.event);
      else if (m.type === "failed") finish(() => reject(failure(m)), true);
      else if (signal?.aborted) finish(() => reject(interrupted()), true);
      else {
        const warnings =
          Atomics.load(slots, SLOT.stop) === STOP_MEMORY
            ? [
                `memory budget reached (${req.maxMemoryMb} MiB of heap): the search stopped early, results are partial`,
              ]
            : [];
        finish(() => resolve({ outputs: m.outputs as O[], warnings }), true);
      }
    });
    w.on("error", (e) =>
      kill(new CtrlhuntError("CTRLHUNT_ENGINE_FAILED", `engine thread failed: ${e.message}`, { cause: e })),
    );
    w.on("exit", (code) =>
      kill(new CtrlhuntError("CTRLHUNT_ENGINE_FAILED", `engine thread exited (code ${code})`)),
    );
    if (signal?.aborted) onAbort();
    else signal?.addEventListener("abort", onAbort, { once: true });
    w.postMessage(req);
  });
}
