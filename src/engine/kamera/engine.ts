import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { CtrlhuntError } from "../../errors/index.ts";
import { type RunRecord, summarizeDumpMetrics } from "../../formats/run-record.ts";
import { type Clock, clockFromEnv, relativeToWorkspace } from "../../workspace/index.ts";
import type { Engine, RunOptions } from "../types.ts";
import { collectDumps } from "./collect.ts";
import { harnessArgs } from "./flags.ts";
import { type HarnessFlagCache, probeHarnessFlags } from "./help-probe.ts";
import { inputsForRun } from "./inputs.ts";
import { readLogTail } from "./log-tail.ts";
import { judgeRun } from "./outcome.ts";
import { loadKameraProject } from "./project.ts";
import { kameraProvenance } from "./provenance.ts";
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

/** Layout of one run folder (`outDir`): the harness writes dumps/, ctrlhunt keeps logs and quarantine beside. */
export function kameraRunLayout(outDir: string) {
  return {
    dumps: path.join(outDir, "dumps"),
    quarantine: path.join(outDir, "quarantine"),
    log: path.join(outDir, "harness.log"),
    helpLog: path.join(outDir, "harness-help.log"),
  };
}

/**
 * The kamera engine: runs a project's harness binary (project.json) on a scenario file and reads its dumps.
 * `opts.project` is the project name in the workspace `root`; `opts.outDir` is the run folder (its name is
 * the run id). Harness failures come back as a RunRecord with status failed/partial and the log tail.
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
      if (fs.existsSync(layout.dumps) && fs.readdirSync(layout.dumps).length > 0) {
        throw new CtrlhuntError(
          "CTRLHUNT_USAGE",
          `${layout.dumps} already holds files; use a fresh run folder`,
        );
      }
      fs.mkdirSync(layout.dumps, { recursive: true });
      const inputs = inputsForRun(scenarioFile, outDir, opts.scenarioNames);
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
      const warnings: string[] = [];
      if (opts.trials !== undefined) {
        warnings.push(
          "trials ignored: a kamera harness takes Monte Carlo trials from tuning.search.monteCarlo",
        );
      }
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
      const dumps = collected.dumps.map((d) => d.dump);
      const metrics = summarizeDumpMetrics(dumps);
      const foreign = dumps.filter((d) => d.context?.scenario?.attributes?.invocation_id !== invocationId);
      if (foreign.length > 0) {
        warnings.push(`${foreign.length} dump(s) do not carry KAMERA_INVOCATION_ID ${invocationId}`);
      }
      const outcome = judgeRun(
        proc,
        { dumps: dumps.length, quarantined: collected.quarantined.length },
        metrics,
        opts.timeoutMs,
      );
      const rel = (f: string) => relativeToWorkspace(root, f);
      for (const d of collected.dumps) {
        const sc = d.dump.context?.scenario;
        opts.onEvent?.({
          type: "phase-end",
          scenario: sc?.name ?? stem,
          phase: sc?.attributes?.phase ?? opts.mode,
          dump: rel(d.file),
        });
      }
      return {
        runId: path.basename(outDir),
        engine: "kamera",
        mode: opts.mode,
        project: project.name,
        scenarioFile: rel(scenarioFile),
        command: [project.program, ...args],
        invocationId,
        dumps: collected.dumps.map((d) => rel(d.file)),
        metrics,
        provenance: await kameraProvenance(scenarioFile, project.sourceRepo),
        startedAt,
        durationMs,
        status: outcome.status,
        ...(outcome.error !== undefined ? { error: outcome.error } : {}),
        logTail: readLogTail(layout.log),
        logFile: rel(layout.log),
        exitCode: proc.exitCode,
        quarantined: collected.quarantined.map((q) => ({ file: rel(q.file), reason: q.reason })),
        ...(warnings.length > 0 ? { warnings } : {}),
      };
    },
  };
}
