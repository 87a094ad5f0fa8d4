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
  const size = Math.max(1, Math.ceil(tasks.length / (workers * 8)));
  const out: TrialTask[][] = [];
  for (let i = 0; i < tasks.length; i += size) out.push(tasks.slice(i, i + size));
  return out;
}

/**
 * Run one phase's trials on up to `size` worker threads (each loads TypeScript through tsx), results in task
 * order. `onDone` fires as each trial finishes (progress). The first failure rejects and stops every worker.
 */
export async function runOnWorkers(
  setup: TrialSetup,
  tasks: readonly TrialTask[],
  size: number,
  onDone?: (index: number) => void,
): Promise<Array<ExploreOutput | WrittenOutput>> {
  const results = new Array<ExploreOutput | WrittenOutput>(tasks.length);
  const queue = chunks(tasks, size);
  const workers: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let finished = 0;
      const feed = (w: Worker) => {
        const next = queue.shift();
        if (next) w.postMessage({ type: "run", tasks: next });
      };
      const count = Math.max(1, Math.min(size, queue.length));
      for (let i = 0; i < count; i++) {
        // A JS entry registers tsx inside the thread (`execArgv: ["--import", "tsx"]` is not honoured there).
        const w = new Worker(new URL("./trial-worker-boot.mjs", import.meta.url));
        workers.push(w);
        w.on("message", (r: Reply) => {
          if (r.type === "error") {
            const code = (r.code?.startsWith("CTRLHUNT_") ? r.code : "CTRLHUNT_ENGINE_FAILED") as ErrorCode;
            return reject(new CtrlhuntError(code, `worker: ${r.message}`));
          }
          if (r.type === "idle") return feed(w);
          results[r.index] = r.out;
          onDone?.(r.index);
          if (++finished === tasks.length) resolve();
        });
        w.on("error", (e) =>
          reject(new CtrlhuntError("CTRLHUNT_ENGINE_FAILED", `worker crashed: ${e.message}`, { cause: e })),
        );
        w.postMessage({ type: "setup", setup });
        feed(w);
      }
      if (tasks.length === 0) resolve();
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}
