import type { Citation } from "../formats/citation.ts";
import type { Dump } from "../formats/dump.ts";
import { pathsOf, statesOf, stepContentsHash, type TerminalState, terminalHash } from "./dump-model.ts";

/**
 * Citations as data: built from any analysis result, checked against the dump they point into. A citation of
 * stepIndex -1 points at the terminal state itself (controller "", the state's contents hash).
 */

/** Cite one step (or the terminal state with stepIndex -1) of a dump, reading controller and hash from it. */
export function citeStep(
  dump: string,
  state: TerminalState,
  pathIndex: number,
  stepIndex: number,
  note?: string,
): Citation {
  const step = stepIndex >= 0 ? pathsOf(state)[pathIndex]?.[stepIndex] : undefined;
  return {
    dump,
    stateId: state.id,
    pathIndex,
    stepIndex: step ? stepIndex : -1,
    controllerId: step?.controllerId ?? "",
    contentsHash: step ? (stepContentsHash(step) ?? "") : terminalHash(state),
    ...(note ? { note } : {}),
  };
}

/** Cite how a path ends: its last step, or the terminal state when the path is empty. */
export function citeTerminal(dump: string, state: TerminalState, pathIndex = 0, note?: string): Citation {
  const path = pathsOf(state)[pathIndex] ?? [];
  return citeStep(dump, state, pathIndex, path.length - 1, note);
}

export type Resolution = { ok: true } | { ok: false; reason: string };

const hashMatches = (cited: string, actual: string) =>
  cited === actual || (cited.length >= 7 && actual.startsWith(cited));

/** Check a citation against a parsed dump (pure; see resolveCitation for the file-reading edge). */
export function resolveCitationIn(dump: Dump, c: Citation): Resolution {
  const state = statesOf(dump).find((s) => s.id === c.stateId);
  if (!state) return { ok: false, reason: `state ${c.stateId} not in ${c.dump}` };
  const paths = pathsOf(state);
  if (c.pathIndex >= Math.max(paths.length, 1))
    return {
      ok: false,
      reason: `path ${c.pathIndex} out of range (state ${c.stateId} has ${paths.length} path(s))`,
    };
  const path = paths[c.pathIndex] ?? [];
  if (c.stepIndex >= path.length)
    return {
      ok: false,
      reason: `step ${c.stepIndex} out of range (path ${c.pathIndex} has ${path.length} step(s))`,
    };
  if (c.stepIndex === -1) {
    const actual = terminalHash(state);
    if (!hashMatches(c.contentsHash, actual))
      return {
        ok: false,
        reason: `hash mismatch: cited ${c.contentsHash || "(none)"}, terminal state has ${actual}`,
      };
    return { ok: true };
  }
  const step = path[c.stepIndex];
  if (step.controllerId !== c.controllerId)
    return {
      ok: false,
      reason: `controller mismatch: cited ${c.controllerId}, step ${c.stepIndex} ran ${step.controllerId}`,
    };
  const actual = stepContentsHash(step) ?? "";
  if (!hashMatches(c.contentsHash, actual))
    return {
      ok: false,
      reason: `hash mismatch: cited ${c.contentsHash || "(none)"}, step ${c.stepIndex} has ${actual || "(none)"}`,
    };
  return { ok: true };
}

/** Split `file#line` (one document of a JSON Lines file) into its parts. */
export function splitDumpId(id: string): { file: string; line?: number } {
  const m = /^(.*)#(\d+)$/.exec(id);
  return m ? { file: m[1], line: Number(m[2]) } : { file: id };
}
