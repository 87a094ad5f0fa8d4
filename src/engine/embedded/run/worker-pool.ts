import { Worker } from "node:worker_threads";
import { CtrlhuntError, type ErrorCode } from "../../../errors/index.ts";
import type { TrialSetup, TrialTask } from "./trial-worker.ts";
import type { ExploreOutput, WrittenOutput } from "./types.ts";

type Reply =
  | { type: "done"; index: number; out: ExploreOutput | WrittenOutput }
  | { type: "idle" }
  | { type: "error"; message: string; code?: string };

/** Tasks go out in chunks (fewer messages) small enough that a slow chunk does not leave a thread idle. */
function chunks(tasks: readonly TrialTask[], workers: number): TrialTask[][] {
  const size = Math.max(1, Math.ceil(tasks.length / (workers * 32)));
  const out: TrialTask[][] = [];
  for (let i = 0; i < tasks.length; i += size) out.push(tasks.slice(i, i + size));
  return out;
}

/** A trial run on the calling thread (the pool's own share of the work). */
export type LocalRunner = (task: TrialTask) => Promise<ExploreOutput | WrittenOutput>;

const yieldToEvents = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Run one phase's trials on `size` threads: `size - 1` worker threads (each loads TypeScript through tsx) and this
 * thread, which starts at once while the workers boot. Results in task order; `onDone` fires as each trial finishes
 * (progress). The first failure rejects and stops every worker.
 */
export async function runOnWorkers(
  setup: TrialSetup,
  tasks: readonly TrialTask[],
  size: number,
  runLocal: LocalRunner,
  onDone?: (index: number) => void,
): Promise<Array<ExploreOutput | WrittenOutput>> {
  const results = new Array<ExploreOutput | WrittenOutput>(tasks.length);
  const queue = chunks(tasks, size);
  const workers: Worker[] = [];
  let failed = false;
  try {
    await new Promise<void>((resolve, reject) => {
      let finished = 0;
      const fail = (e: unknown) => {
        failed = true;
        reject(e);
      };
      const settle = (index: number, out: ExploreOutput | WrittenOutput) => {
        results[index] = out;
        onDone?.(index);
        if (++finished === tasks.length) resolve();
      };
      const feed = (w: Worker) => {
        const next = queue.shift();
        if (next) w.postMessage({ type: "run", tasks: next });
      };
      const threads = Math.max(0, Math.min(size - 1, queue.length - 1));
      for (let i = 0; i < threads; i++) {
        // A JS entry registers tsx inside the thread (`execArgv: ["--import", "tsx"]` is not honoured there).
        const w = new Worker(new URL("./trial-worker-boot.mjs", import.meta.url));
        workers.push(w);
        w.on("message", (r: Reply) => {
          if (r.type === "error") {
            const code = (r.code?.startsWith("CTRLHUNT_") ? r.code : "CTRLHUNT_ENGINE_FAILED") as ErrorCode;
            return fail(new CtrlhuntError(code, `worker: ${r.message}`));
          }
          if (r.type === "idle") return feed(w);
          settle(r.index, r.out);
        });
        w.on("error", (e) =>
          fail(new CtrlhuntError("CTRLHUNT_ENGINE_FAILED", `worker crashed: ${e.message}`, { cause: e })),
        );
        w.postMessage({ type: "setup", setup });
        feed(w);
      }
      // This thread's share: yield between trials so worker messages (results, requests for more) get through.
      (async () => {
        for (let next = queue.shift(); next && !failed; next = queue.shift())
          for (const t of next) {
            if (failed) return;
            settle(t.index, await runLocal(t));
            await yieldToEvents();
          }
      })().catch(fail);
      if (tasks.length === 0) resolve();
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}
