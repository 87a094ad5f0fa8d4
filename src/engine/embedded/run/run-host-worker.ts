// The run host's thread: loads a project, runs one scenario at a time, and reports through messages and the shared
// slots (reconcile-watch.ts). The host terminates the thread when a reconcile never returns or an interrupt is not
// honoured in time.
import v8 from "node:v8";
import { parentPort } from "node:worker_threads";
import type { Scenario } from "../../../formats/workflow.ts";
import type { EngineEvent } from "../../types.ts";
import type { ProjectDefinition } from "../api.ts";
import { exploreScenario, exploreScenarioInto } from "./explore-scenario.ts";
import { loadEmbeddedProject, rememberSource } from "./load-project.ts";
import { type ReconcilePair, SLOT, STOP_MEMORY, slotSignal, watchReconciles } from "./reconcile-watch.ts";
import type { ExploreOptions, ExploreOutput, WrittenOutput } from "./types.ts";

/** What crosses into the thread: everything but callbacks and the signal (the shared slots replace it). */
export interface HostRequest {
  projectFile: string;
  scenario: Scenario;
  opts: Omit<ExploreOptions, "onEvent" | "signal">;
  /** Write each dump here where it is produced; only summaries come back (WrittenOutput). */
  dumpsDir?: string;
  slots: SharedArrayBuffer;
  maxMemoryMb: number;
  /** Least time between two progress messages. */
  progressMs: number;
}

export type HostMessage =
  | { type: "pair"; index: number; pair: ReconcilePair }
  | { type: "event"; event: EngineEvent }
  | { type: "done"; outputs: Array<ExploreOutput | WrittenOutput>; heapMb: number }
  | { type: "failed"; code?: string; message: string; issues?: unknown; exitCode?: number };

const projects = new Map<string, Promise<ProjectDefinition>>();
const post = (m: HostMessage) => parentPort?.postMessage(m);
const heapMb = () => Math.round(v8.getHeapStatistics().used_heap_size / 2 ** 20);

async function watched(file: string, slots: Int32Array): Promise<ProjectDefinition> {
  let p = projects.get(file);
  if (!p) {
    p = loadEmbeddedProject(file);
    projects.set(file, p);
  }
  const def = await p;
  const controllers = watchReconciles(def.controllers, slots, (index, pair) =>
    post({ type: "pair", index, pair }),
  );
  return rememberSource({ ...def, controllers }, file);
}

/** Progress relayed at most every `progressMs`; the memory budget is checked at each progress point. */
function relay(req: HostRequest, slots: Int32Array): (e: EngineEvent) => void {
  let last = 0;
  return (e) => {
    if (e.type !== "progress") return post({ type: "event", event: e });
    const heap = heapMb();
    if (heap > req.maxMemoryMb) Atomics.compareExchange(slots, SLOT.stop, 0, STOP_MEMORY);
    const now = Date.now();
    if (now - last < req.progressMs) return;
    last = now;
    post({ type: "event", event: { ...e, heapMb: heap } });
  };
}

parentPort?.on("message", async (req: HostRequest) => {
  const slots = new Int32Array(req.slots);
  try {
    const project = await watched(req.projectFile, slots);
    const opts = { ...req.opts, onEvent: relay(req, slots), signal: slotSignal(slots) };
    const outputs = req.dumpsDir
      ? await exploreScenarioInto(project, req.scenario, opts, req.dumpsDir)
      : await exploreScenario(project, req.scenario, opts);
    post({ type: "done", outputs, heapMb: heapMb() });
  } catch (e) {
    const err = e as { message?: string; code?: string; issues?: unknown; exitCode?: number };
    post({
      type: "failed",
      code: err?.code,
      message: err?.message ?? String(e),
      issues: err?.issues,
      exitCode: err?.exitCode,
    });
  }
});
