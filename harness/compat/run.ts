import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import {
  exploreScenario,
  loadEmbeddedProject,
  readWorkflowFile,
  writeDumpJson,
} from "../../src/engine/index.ts";
import { dumpFileName } from "../../src/engine/embedded/dump/index.ts";
import { derivedUuid } from "../../src/engine/embedded/state/index.ts";
import { CtrlhuntError } from "../../src/errors/index.ts";
import type { Dump } from "../../src/formats/dump.ts";
import { writeFileAtomic } from "../../src/workspace/index.ts";
import type { CompatRun } from "./options.ts";

export interface CompatResult {
  /** Dump files written, absolute. */
  written: string[];
  failures: Array<{ scenario: string; message: string }>;
}

const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");

/** A project folder (holding project.ts) or a project.ts file. */
function projectFile(project: string): string {
  const abs = path.resolve(project);
  const file = fs.existsSync(abs) && fs.statSync(abs).isDirectory() ? path.join(abs, "project.ts") : abs;
  if (!fs.existsSync(file))
    throw new CtrlhuntError("CTRLHUNT_PROJECT_NOT_FOUND", `no ctrlhunt project at ${file}`);
  return file;
}

/**
 * `dir/name`, or `dir/<stem>-2.jsonl` … when this invocation already wrote that name: sanitized names are cut at 64
 * characters, so two long phase names can meet, and overwriting would lose a dump silently.
 */
function unusedName(dir: string, name: string, written: readonly string[]): string {
  const stem = name.replace(/\.jsonl$/, "");
  let file = path.join(dir, name);
  for (let i = 2; written.includes(file); i++) file = path.join(dir, `${stem}-${i}.jsonl`);
  return file;
}

/** kamera's failure dump for a scenario that could not run: no states, attributes.status = "error". */
function failureDump(
  name: string,
  index: number,
  inputRef: string,
  invocationId: string,
  message: string,
): Dump {
  const attributes = {
    invocation_id: invocationId,
    status: "error",
    error_phase: "run_scenario",
    error_message: Buffer.from(message).subarray(0, 512).toString("utf8"),
  };
  return {
    context: { scenario: { name, runIndex: index, inputRef, attributes } },
    objects: null,
    states: null,
  };
}

/**
 * What a kamera harness does in batch mode, with ctrlhunt's embedded engine as the explorer: every scenario of
 * the inputs file is explored in the run mode and each phase's dump is written to the output folder under
 * kamera's file naming. All dumps share one invocation id: $KAMERA_INVOCATION_ID, or one derived from the inputs.
 */
export async function runCompat(
  run: CompatRun,
  env: NodeJS.ProcessEnv,
  log: (line: string) => void,
): Promise<CompatResult> {
  const project = await loadEmbeddedProject(projectFile(run.project));
  const inputs = path.resolve(run.inputs);
  const scenarios = readWorkflowFile(inputs);
  const invocationId =
    env.KAMERA_INVOCATION_ID || derivedUuid(`${sha256(fs.readFileSync(inputs))}|${run.mode}|${run.depth}`);
  const deadline = run.timeoutMs > 0 ? Date.now() + run.timeoutMs : undefined;
  const result: CompatResult = { written: [], failures: [] };
  const write = (fileName: string, dump: Dump) => {
    const file = unusedName(path.resolve(run.output), fileName, result.written);
    if (path.basename(file) !== fileName)
      log(`level=warn msg="dump name taken, wrote ${path.basename(file)}"`);
    writeFileAtomic(file, writeDumpJson(dump));
    result.written.push(file);
    return file;
  };
  for (const [i, scenario] of scenarios.entries()) {
    const inputRef = `${run.inputs}#${i}`;
    log(`level=info msg="exploring scenario" scenario="${scenario.name}" mode=${run.mode}`);
    try {
      const outputs = await exploreScenario(project, scenario, {
        mode: run.mode,
        // --depth is the default; a scenario's own tuning.maxDepth wins, as in kamera.
        maxDepth: (scenario.tuning?.maxDepth ?? 0) > 0 ? (scenario.tuning?.maxDepth as number) : run.depth,
        timeoutMs: deadline !== undefined ? Math.max(1, deadline - Date.now()) : undefined,
        invocationId,
        inputRef,
        runIndex: i,
        file: inputs,
      });
      for (const o of outputs) {
        const file = write(o.fileName, o.dump);
        log(`level=info msg="wrote dump" phase=${o.phase} file=${file}${o.timedOut ? " timedOut=true" : ""}`);
      }
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      result.failures.push({ scenario: scenario.name, message });
      write(
        dumpFileName(scenario.name, undefined, i),
        failureDump(scenario.name, i, inputRef, invocationId, message),
      );
      log(`level=error msg="scenario failed" scenario="${scenario.name}" error="${message}"`);
    }
  }
  return result;
}
