import { sweepStalenessWindows } from "../../hypotheses/sweep-staleness.ts";
import { controllerOf, triggerKinds, writeKinds } from "./surface-facts.ts";
import type { PlannerInput, PlannerRule, Proposal, ReferenceView } from "./types.ts";

/** Score of the first window of a family; each further window ranks 6 lower (most distinct first). */
const FIRST = 85;
export const SWEEP_STEP = 6;

/**
 * (reader, kind) pairs the reader reads without a watch: the surface map's vulnerability windows, plus kinds the
 * reader was seen reading on this reference path (ctx.get / ctx.list observations).
 */
function unwatchedReads(input: PlannerInput, ref: ReferenceView): Array<{ reader: string; kind: string }> {
  const pairs = new Map<string, { reader: string; kind: string }>();
  const add = (reader: string, kind: string) => {
    const c = controllerOf(input.map, reader);
    if (!c || triggerKinds(c).has(kind) || !ref.facts.controllersSeen.includes(reader)) return;
    pairs.set(`${reader}\u0000${kind}`, { reader, kind });
  };
  for (const w of input.map.vulnerabilityWindows) add(w.reader, w.kind);
  for (const s of ref.facts.steps) for (const r of s.reads) add(s.controllerId, r.kind);
  return [...pairs.values()].sort((a, b) =>
    a.reader === b.reader ? (a.kind < b.kind ? -1 : 1) : a.reader < b.reader ? -1 : 1,
  );
}

function writersOf(input: PlannerInput, reader: string, kind: string): string[] {
  const w = input.map.vulnerabilityWindows.find((x) => x.reader === reader && x.kind === kind);
  if (w) return w.writers;
  const ws = input.map.controllers.filter((c) => c.id !== reader && writeKinds(c).has(kind)).map((c) => c.id);
  return ws.length ? ws : ["External User"];
}

/**
 * A controller reads a kind it does not watch → one staleness hypothesis per distinct window of the sweep over
 * the reference's KindSequence range of that kind (windows that open before the kind exists included).
 */
export const staleReadWithoutWatch: PlannerRule = (input, ref) =>
  unwatchedReads(input, ref).flatMap(({ reader, kind }) => {
    const writers = writersOf(input, reader, kind).join(", ");
    return sweepStalenessWindows(ref.facts, reader, kind).windows.map((w, rank): Proposal => {
      const label = `[${w.staleAt}, ${w.catchUpAt})`;
      const missed = [
        ...new Set(w.stale.flatMap((x) => x.misses.map((m) => m.replace(/ \(step \d+\)$/, "")))),
      ];
      const what = `${missed.slice(0, 3).join(", ")}${missed.length > 3 ? `, … (${missed.length} writes)` : ""}`;
      const steps = w.stale.map((x) => x.step).join(", ");
      return {
        scenario: ref.file,
        scenarioName: ref.scenario.name,
        key: `stale:${ref.file}#${ref.scenario.name}:${reader}:${kind}@${w.staleAt}-${w.catchUpAt}`,
        rule: "stale-read-without-watch",
        type: "staleness",
        claim: `${reader} acts on a stale ${kind} (written by ${writers}; not watched): with its cache lagging in window ${label} its reconcile at step(s) ${steps} misses ${what}, and nothing re-queues it when the cache catches up`,
        controllers: [reader],
        kinds: [kind],
        parameters: {
          staleAt: w.staleAt,
          catchUpAt: w.catchUpAt,
          deactivateAtDepth: w.deactivateAtDepth,
        },
        score: FIRST - SWEEP_STEP * rank,
        severity: "P1",
        sweep: { dimension: "staleness", family: `${reader} reads ${kind}`, rank, label },
      };
    });
  });
