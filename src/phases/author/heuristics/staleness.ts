import { staleKey } from "../coverage.ts";
import { type Heuristic, fromBase, noTrace, slugOf } from "../draft.ts";
import { calibrateStaleness } from "../reference-trace.ts";
import { baseFor } from "../reach.ts";

/**
 * Staleness for cross-controller reads (vulnerability windows whose writer is another controller): the reader
 * sees the kind frozen before the writer's writes, calibrated from the reference trace — never guessed.
 */
export const staleness: Heuristic = (ctx) => {
  const out: ReturnType<Heuristic> = { drafts: [], skipped: [] };
  for (const w of ctx.map.vulnerabilityWindows) {
    const writers = w.writers.filter((x) => x !== "External User");
    const target = staleKey(w.reader, w.kind);
    if (writers.length === 0) continue; // user-written inputs: the user-action heuristic covers them
    if (ctx.coverage.staleTargets.has(target)) {
      out.skipped.push({
        dimension: "staleness",
        target,
        reason: "an existing scenario already has this staleness window",
      });
      continue;
    }
    const found = baseFor(ctx.map, ctx.seeds, [w.reader, ...writers]);
    const entry = found?.kind;
    const base = found?.base;
    if (!entry || !base) {
      out.skipped.push({
        dimension: "staleness",
        target,
        reason: "no seeded user-facing kind reaches reader and writer",
      });
      continue;
    }
    const trace = ctx.traces.get(entry);
    if (!trace) {
      out.skipped.push({ dimension: "staleness", target, reason: noTrace(ctx, entry) });
      continue;
    }
    const cal = calibrateStaleness(trace, w.reader, w.kind, writers, { bounded: w.why !== "no watch" });
    if (!cal.ok) {
      out.skipped.push({ dimension: "staleness", target, reason: cal.reason });
      continue;
    }
    const { staleAt, catchUpAt } = cal.value;
    out.drafts.push({
      dimension: "staleness",
      slug: `stale-${slugOf(w.reader)}-reads-${slugOf(w.kind)}`,
      scenarios: [
        {
          suffix: "",
          scenario: fromBase(base, {
            stalenessIntervals: [{ reconciler: w.reader, kind: w.kind, staleAt, catchUpAt, lag: -1 }],
          }),
          annotation: {
            dimension: "staleness",
            pattern: `stale read (${w.why}): ${w.reader} assumes ${w.assumption}, broken when ${w.violation}`,
            window: `${w.reader} sees ${w.kind} frozen at sequence ${staleAt} until it reaches ${catchUpAt} (writes by ${writers.join(", ")} at steps ${cal.steps.join(", ")})`,
            why: `no existing scenario makes ${w.reader} stale on ${w.kind} (vulnerability window ${w.id})`,
            hypothesis: `${w.reader} acting on a ${w.kind} that misses ${writers.join("/")}'s writes leads to a wrong or divergent terminal state`,
            targets: { controllers: [w.reader, ...writers], kinds: [w.kind] },
            ...(w.location ? { codeRef: w.location } : {}),
            calibration: { reference: trace.scenario, steps: cal.steps, note: cal.note },
          },
        },
      ],
    });
  }
  return out;
};
