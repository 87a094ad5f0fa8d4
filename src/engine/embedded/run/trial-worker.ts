// Worker thread for Monte Carlo trials: loads the project itself (functions cannot cross threads), runs trials and,
// when the run writes to a folder, writes each dump itself so only a small summary travels back.
import { parentPort } from "node:worker_threads";
import type { Scenario } from "../../../formats/workflow.ts";
import type { ProjectDefinition } from "../api.ts";
import { type ExploreConfig, type ResolveOptions, resolveConfig } from "../config/index.ts";
import { buildRegistry, type Registry, USER_ID } from "../step/index.ts";
import { type JobContext, type JobSpec, runJob } from "./job.ts";
import { loadEmbeddedProject } from "./load-project.ts";
import { writeOutput } from "./write-output.ts";

/** What every trial of one phase shares; sent once per worker. */
export interface TrialSetup {
  projectFile: string;
  scenario: Scenario;
  resolve: ResolveOptions;
  ctx: Omit<JobContext, "onProgress" | "signal">;
  /** Write dumps here instead of sending them back (atomically unless `durable` is false). */
  dumpsDir?: string;
  durable?: boolean;
}

/** One trial to run, with the file name its dump gets (names are settled by the main thread). */
export interface TrialTask {
  index: number;
  job: JobSpec;
  fileName: string;
}

export type WorkerMessage = { type: "setup"; setup: TrialSetup } | { type: "run"; tasks: TrialTask[] };

let ready: Promise<{ setup: TrialSetup; project: ProjectDefinition; reg: Registry; base: ExploreConfig }>;

async function prepare(setup: TrialSetup) {
  const project = await loadEmbeddedProject(setup.projectFile);
  const reg = buildRegistry(project.controllers);
  const base = resolveConfig(
    setup.scenario,
    new Set([...reg.ids].filter((i) => i !== USER_ID)),
    setup.resolve,
  );
  return { setup, project, reg, base };
}

async function runTasks(tasks: TrialTask[]): Promise<void> {
  const { setup, project, reg, base } = await ready;
  for (const t of tasks) {
    const out = { ...(await runJob(project.controllers, reg, base, t.job, setup.ctx)), fileName: t.fileName };
    const result = setup.dumpsDir ? writeOutput(out, setup.dumpsDir, { durable: setup.durable }) : out;
    parentPort?.postMessage({ type: "done", index: t.index, out: result });
  }
  parentPort?.postMessage({ type: "idle" });
}

parentPort?.on("message", (m: WorkerMessage) => {
  if (m.type === "setup") {
    ready = prepare(m.setup);
    ready.catch(() => {}); // reported when the first tasks await it
    return;
  }
  runTasks(m.tasks).catch((e: { message?: string; code?: string }) =>
    parentPort?.postMessage({ type: "error", message: e?.message ?? String(e), code: e?.code }),
  );
});
