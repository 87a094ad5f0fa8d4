// Worker thread for Monte Carlo trials: loads the project itself (functions cannot cross threads), runs jobs.
import { parentPort } from "node:worker_threads";
import type { Scenario } from "../../../formats/workflow.ts";
import type { ProjectDefinition } from "../api.ts";
import { type ResolveOptions, resolveConfig } from "../config/index.ts";
import { buildRegistry, USER_ID } from "../step/index.ts";
import { type JobContext, type JobSpec, runJob } from "./job.ts";
import { loadEmbeddedProject } from "./load-project.ts";

export interface WorkerRequest {
  id: number;
  projectFile: string;
  scenario: Scenario;
  resolve: ResolveOptions;
  job: JobSpec;
  ctx: JobContext;
}

const projects = new Map<string, Promise<ProjectDefinition>>();

parentPort?.on("message", async (req: WorkerRequest) => {
  try {
    let p = projects.get(req.projectFile);
    if (!p) {
      p = loadEmbeddedProject(req.projectFile);
      projects.set(req.projectFile, p);
    }
    const project = await p;
    const reg = buildRegistry(project.controllers);
    const base = resolveConfig(req.scenario, new Set([...reg.ids].filter((i) => i !== USER_ID)), req.resolve);
    const out = await runJob(project.controllers, reg, base, req.job, req.ctx);
    parentPort?.postMessage({ id: req.id, ok: true, out });
  } catch (e) {
    const err = e as { message?: string; code?: string };
    parentPort?.postMessage({ id: req.id, ok: false, message: err?.message ?? String(e), code: err?.code });
  }
});
