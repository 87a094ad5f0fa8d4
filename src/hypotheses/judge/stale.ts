import { attributesOf, pathsOf, statesOf, type TerminalState } from "../../analysis/index.ts";

/** Dump context attribute of the embedded engine: its staleness windows end at quiescence at the latest. */
export const CATCH_UP_ATTRIBUTE = "ctrlhunt.catchUp";
import type { StalenessInterval } from "../../formats/workflow.ts";
import type { LoadedDump } from "./types.ts";

/**
 * A staleness window still open when the branch ends: the reader's cache never caught up. A real informer always
 * catches up, so an outcome reached with a cache still behind (e.g. a retry that keeps reading the same stale copy)
 * shows what the window did, not what the controller does — it is not evidence. Bugs of stale reads show after the
 * window closes: nothing re-reads, or the stale decision was already written.
 */
export function openWindowAtEnd(
  s: TerminalState,
  intervals: readonly StalenessInterval[],
): StalenessInterval | undefined {
  const seqs = s.state.contents.kindSequences ?? {};
  const depth = Math.max(0, ...pathsOf(s).map((p) => p.length));
  return intervals.find((iv) => {
    const frontier = seqs[iv.kind] ?? 0;
    if (frontier < iv.staleAt || frontier >= iv.catchUpAt) return false;
    if (iv.activateAtDepth !== undefined && depth < iv.activateAtDepth) return false;
    return iv.deactivateAtDepth === undefined || depth < iv.deactivateAtDepth;
  });
}

/** Split dumps into states the judge may use and states that ended with a window still open. */
export function splitByOpenWindows(
  dumps: readonly LoadedDump[],
  intervals: readonly StalenessInterval[],
): { judged: LoadedDump[]; stale: LoadedDump[]; count: number; example?: StalenessInterval } {
  if (intervals.length === 0)
    return {
      judged: [...dumps],
      stale: dumps.map(({ id, dump }) => ({ id, dump: { ...dump, states: [] } })),
      count: 0,
    };
  let count = 0;
  let example: StalenessInterval | undefined;
  const judged: LoadedDump[] = [];
  const stale: LoadedDump[] = [];
  for (const { id, dump } of dumps) {
    // The embedded engine lets every cache catch up before a branch may end: no window is open at the end there.
    const caughtUp = !!attributesOf(dump)[CATCH_UP_ATTRIBUTE];
    const open = statesOf(dump).map((s) => (caughtUp ? undefined : openWindowAtEnd(s, intervals)));
    count += open.filter(Boolean).length;
    example ??= open.find(Boolean);
    judged.push({ id, dump: { ...dump, states: statesOf(dump).filter((_, i) => !open[i]) } });
    stale.push({ id, dump: { ...dump, states: statesOf(dump).filter((_, i) => open[i]) } });
  }
  return { judged, stale, count, ...(example ? { example } : {}) };
}
