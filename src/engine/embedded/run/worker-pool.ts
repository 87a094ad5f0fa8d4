import { Worker } from "node:worker_threads";
import { CtrlhuntError, type ErrorCode } from "../../../errors/index.ts";
import type { WorkerRequest } from "./trial-worker.ts";
import type { ExploreOutput } from "./types.ts";

type Reply =
  | { id: number; ok: true; out: ExploreOutput }
  | { id: number; ok: false; message: string; code?: string };

/**
 * Run jobs on up to `size` worker threads (each loads TypeScript through tsx), results in job order.
 * `onDone` fires as each job finishes (progress). The first failure rejects and stops every worker.
 */
export async function runOnWorkers(
  requests: Omit<WorkerRequest, "id">[],
  size: number,
  onDone?: (index: number, out: ExploreOutput) => void,
): Promise<ExploreOutput[]> {
  const results = new Array<ExploreOutput>(requests.length);
  let next = 0;
  const workers: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let finished = 0;
      const feed = (w: Worker) => {
        if (next >= requests.length) return;
        const id = next++;
        w.postMessage({ ...requests[id], id });
      };
      const count = Math.max(1, Math.min(size, requests.length));
      for (let i = 0; i < count; i++) {
        // A JS entry registers tsx inside the thread (`execArgv: ["--import", "tsx"]` is not honoured there).
        const w = new Worker(new URL("./trial-worker-boot.mjs", import.meta.url));
        workers.push(w);
        w.on("message", (r: Reply) => {
          if (!r.ok) {
            const code = (r.code?.startsWith("CTRLHUNT_") ? r.code : "CTRLHUNT_ENGINE_FAILED") as ErrorCode;
            return reject(new CtrlhuntError(code, `worker: ${r.message}`));
          }
          results[r.id] = r.out;
          onDone?.(r.id, r.out);
          if (++finished === requests.length) resolve();
          else feed(w);
        });
        w.on("error", (e) =>
          reject(new CtrlhuntError("CTRLHUNT_ENGINE_FAILED", `worker crashed: ${e.message}`, { cause: e })),
        );
        feed(w);
      }
      if (requests.length === 0) resolve();
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}
