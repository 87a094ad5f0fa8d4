import fs from "node:fs";
import { CtrlhuntError } from "../../errors/index.ts";
import { type HarnessFlags, parseHarnessHelp } from "./flags.ts";
import type { KameraProject } from "./project.ts";
import { runSupervised } from "./supervise.ts";

/** Flags per harness command, so `-h` runs once per command and process (explicit, owned by an engine). */
export type HarnessFlagCache = Map<string, HarnessFlags>;

function cacheKey(p: KameraProject): string {
  return JSON.stringify([p.program, p.fixedArgs, p.cwd, p.env]);
}

/**
 * Ask the harness for its flags: `-h` first (Go's flag package prints usage to stderr and exits 0 or 2), then
 * `--help` if `-h` listed no `--inputs`. The usage text is kept in `logFile` for anyone debugging a probe.
 */
export async function probeHarnessFlags(
  project: KameraProject,
  env: NodeJS.ProcessEnv,
  logFile: string,
  opts: { cache?: HarnessFlagCache; timeoutMs?: number } = {},
): Promise<HarnessFlags> {
  const key = cacheKey(project);
  const cached = opts.cache?.get(key);
  if (cached) return cached;
  let flags: HarnessFlags = { names: [], closedLoop: null };
  for (const helpFlag of ["-h", "--help"]) {
    const start = fs.existsSync(logFile) ? fs.statSync(logFile).size : 0;
    const r = await runSupervised({
      program: project.program,
      args: [...project.fixedArgs, helpFlag],
      cwd: project.cwd,
      env,
      logFile,
      timeoutMs: opts.timeoutMs ?? 60_000,
      graceMs: 1000,
    });
    if (r.spawnError !== undefined) {
      throw new CtrlhuntError("CTRLHUNT_ENGINE_FAILED", `cannot start the kamera harness: ${r.spawnError}`, {
        issues: [{ file: project.file, path: "harness.command", message: `cannot start: ${r.spawnError}` }],
      });
    }
    if (r.timedOut) {
      throw new CtrlhuntError(
        "CTRLHUNT_ENGINE_FAILED",
        `the kamera harness did not answer ${helpFlag} in time`,
      );
    }
    flags = parseHarnessHelp(fs.readFileSync(logFile).subarray(start).toString("utf8"));
    if (flags.names.includes("inputs")) break;
  }
  if (!flags.names.includes("inputs")) {
    throw new CtrlhuntError(
      "CTRLHUNT_ENGINE_FAILED",
      `${project.program} does not look like a kamera harness: neither -h nor --help lists --inputs (see ${logFile})`,
    );
  }
  opts.cache?.set(key, flags);
  return flags;
}
