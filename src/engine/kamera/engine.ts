import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { CtrlhuntError } from "../../errors/index.ts";
import type { RunRecord } from "../../formats/run-record.ts";
import { type Clock, clockFromEnv } from "../../workspace/index.ts";
import type { Engine, RunOptions } from "../types.ts";
import { collectDumps } from "./collect.ts";
import { harnessArgs } from "./flags.ts";
import { type HarnessFlagCache, probeHarnessFlags } from "./help-probe.ts";
import { inputsForRun } from "./inputs.ts";
import { existingDumpFiles, kameraRunLayout, runIdOf } from "./layout.ts";
import { loadKameraProject } from "./project.ts";
import { kameraRunRecord } from "./record.ts";
import { runSupervised } from "./supervise.ts";

export interface KameraEngineOptions {
  clock?: Clock;
  /** Time between SIGTERM and SIGKILL to the harness's process group (default 2000 ms). */
  graceMs?: number;
  /** Deadline for the `-h` probe (default 60 s; `go run .` may compile first). */
  helpTimeoutMs?: number;
  /** Share of `timeoutMs` handed to the harness's own `--timeout`, so it can stop and write dumps first. */
  harnessTimeoutShare?: number;
  flagCache?: HarnessFlagCache;
}

/**
 * The kamera engine: runs a project's harness binary (projects/<name>/project.json) on a scenario file and reads
 * the dumps it writes into `<opts.outDir>/dumps/` (outDir = the run folder; layout.ts). Harness failures come back as data: a RunRecord with status
 * failed/partial, the reason and the tail of the harness log. Bad project.json / missing files throw.
 */
export function kameraEngine(root: string, engineOpts: KameraEngineOptions = {}): Engine {
  const clock = engineOpts.clock ?? clockFromEnv();
  const cache: HarnessFlagCache = engineOpts.flagCache ?? new Map();
  return {
    name: "kamera",
    async run(opts: RunOptions): Promise<RunRecord> {
      const project = loadKameraProject(root, opts.project);
      const scenarioFile = path.resolve(root, opts.scenarioFile);
      if (!fs.existsSync(scenarioFile)) {
        throw new CtrlhuntError("CTRLHUNT_NOT_FOUND", `scenario file ${scenarioFile} does not exist`);
      }
      const outDir = path.resolve(root, opts.outDir);
      const layout = kameraRunLayout(outDir);
      if (existingDumpFiles(layout.dumps).length > 0) {
        throw new CtrlhuntError("CTRLHUNT_USAGE", `${layout.dumps} already holds dumps; use a fresh folder`);
      }
      fs.mkdirSync(layout.dumps, { recursive: true });
      const inputs = inputsForRun(scenarioFile, layout.inputsDir, opts.scenarioNames);
      const invocationId = randomUUID();
      const env = { ...process.env, ...project.env, KAMERA_INVOCATION_ID: invocationId };
      const flags = await probeHarnessFlags(project, env, layout.helpLog, {
        cache,
        timeoutMs: engineOpts.helpTimeoutMs,
      });
      const share = engineOpts.harnessTimeoutShare ?? 0.8;
      const args = [
        ...project.fixedArgs,
        ...harnessArgs(opts.mode, flags, {
          inputs,
          output: layout.dumps,
          maxDepth: opts.maxDepth,
          harnessTimeoutMs: opts.timeoutMs !== undefined ? opts.timeoutMs * share : undefined,
        }),
      ];
      const stem = path.basename(scenarioFile, ".json");
      opts.onEvent?.({ type: "phase-start", scenario: stem, phase: opts.mode });
      const startedAt = clock.nowIso();
      const startMs = clock.startMs();
      const proc = await runSupervised({
        program: project.program,
        args,
        cwd: project.cwd,
        env,
        logFile: layout.log,
        timeoutMs: opts.timeoutMs,
        graceMs: engineOpts.graceMs,
        signal: opts.signal,
      });
      const durationMs = clock.elapsedSince(startMs);
      const collected = collectDumps(layout.dumps, layout.quarantine);
      const record = await kameraRunRecord({
        root,
        runId: runIdOf(outDir),
        opts,
        project,
        scenarioFile,
        layout,
        command: [project.program, ...args],
        invocationId,
        proc,
        collected,
        startedAt,
        durationMs,
      });
      for (const [i, d] of collected.dumps.entries()) {
        const sc = d.dump.context?.scenario;
        const phase = sc?.attributes?.phase ?? "";
        opts.onEvent?.({ type: "phase-end", scenario: sc?.name ?? stem, phase, dump: record.dumps[i] });
      }
      return record;
    },
  };
}
