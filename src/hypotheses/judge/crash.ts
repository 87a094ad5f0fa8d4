import { attributesOf, pathsOf, type TerminalState } from "../../analysis/index.ts";
import type { DumpStep } from "../../formats/dump.ts";
import type { LoadedDump } from "./types.ts";

/** Dump context attribute the embedded engine writes when the explored tuning restarts the manager after a crash. */
export const RESTART_ATTRIBUTE = "ctrlhunt.restartManager";

/** The engine's crash sentinel (kamera §5.5): the step where an injected crash fired. */
export const CRASH_ERROR = /fault injection: simulated controller crash/i;

/** Step metadata the embedded engine writes on every reconcile after a manager restart. */
export const AFTER_RESTART = "ctrlhunt.afterRestart";
/** Step metadata the embedded engine writes where an injected crash fired (kamera drops the crash error). */
export const CRASHED = "ctrlhunt.crashed";

export const isCrashStep = (s: DumpStep): boolean =>
  s.stepMetadata?.[CRASHED] === "true" || CRASH_ERROR.test(s.error ?? "");
const isRecovery = (s: DumpStep): boolean =>
  s.stepMetadata?.[AFTER_RESTART] === "true" ||
  (s.pendingReconciles ?? []).some((p) => p.source === "Recovery");

/**
 * How a path lived through an injected crash: "none" (no crash fired), "restarted" (the manager restarted — or
 * kamera's recoverAtDepth re-ran the reconcile — after the crash) or "unrestarted" (it ended crashed, as kamera's
 * explorer leaves it: a real cluster would restart, so what such a path shows is not yet a bug).
 */
export type CrashFate = "none" | "restarted" | "unrestarted";

export function crashFate(path: readonly DumpStep[]): CrashFate {
  const crash = path.findIndex(isCrashStep);
  if (crash < 0) return "none";
  return path.slice(crash + 1).some(isRecovery) ? "restarted" : "unrestarted";
}

/** A terminal state is judged unless every path reaching it ended crashed without a restart. */
export function stateFate(s: TerminalState): CrashFate {
  const fates = pathsOf(s).map(crashFate);
  if (fates.length === 0 || fates.includes("none")) return "none";
  return fates.includes("restarted") ? "restarted" : "unrestarted";
}

/** First step after the restart on a path (for citing what the restarted controllers did), or -1. */
export function firstRestartStep(path: readonly DumpStep[]): number {
  const crash = path.findIndex(isCrashStep);
  if (crash < 0) return -1;
  const k = path.slice(crash + 1).findIndex(isRecovery);
  return k < 0 ? -1 : crash + 1 + k;
}

/** Split dumps into the states the judge may use and those a crash left without a restart. */
export function splitByCrashFate(dumps: readonly LoadedDump[]): {
  judged: LoadedDump[];
  unrestarted: LoadedDump[];
  crashed: number;
} {
  let crashed = 0;
  const judged: LoadedDump[] = [];
  const unrestarted: LoadedDump[] = [];
  for (const { id, dump } of dumps) {
    const states = dump.states ?? [];
    // With restartManager the engine never lets a crashed branch end before the restart, even when the restart
    // finds nothing to reconcile (no step to mark): every crashed state there is a post-restart state.
    const restarts = !!attributesOf(dump)[RESTART_ATTRIBUTE];
    const fates = states.map((s) =>
      restarts && stateFate(s) === "unrestarted" ? "restarted" : stateFate(s),
    );
    crashed += fates.filter((f) => f !== "none").length;
    judged.push({ id, dump: { ...dump, states: states.filter((_, i) => fates[i] !== "unrestarted") } });
    unrestarted.push({ id, dump: { ...dump, states: states.filter((_, i) => fates[i] === "unrestarted") } });
  }
  return { judged, unrestarted, crashed };
}
