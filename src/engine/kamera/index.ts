/** The kamera engine adapter: runs a user's kamera harness binary and reads the dumps it writes. */
export {
  type CollectedDump,
  collectDumps,
  type DumpCollection,
  judgeDumpText,
  type QuarantinedDump,
} from "./collect.ts";
export { type KameraEngineOptions, kameraEngine } from "./engine.ts";
export { type HarnessArgsInput, type HarnessFlags, harnessArgs, parseHarnessHelp } from "./flags.ts";
export { type HarnessFlagCache, probeHarnessFlags } from "./help-probe.ts";
export { existingDumpFiles, kameraRunLayout, runIdOf } from "./layout.ts";
export { readLogTail } from "./log-tail.ts";
export { judgeRun, type RunOutcome } from "./outcome.ts";
export { type KameraProject, loadKameraProject, resolveKameraProject } from "./project.ts";
export { kameraRunRecord, type RunFacts } from "./record.ts";
export { runSupervised, type SuperviseOptions, type SuperviseResult } from "./supervise.ts";
