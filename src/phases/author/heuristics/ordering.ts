import type { SurfaceController, SurfaceMap } from "../../../formats/surface-map.ts";
import type { Tuning } from "../../../formats/workflow.ts";
import { triggerKinds } from "../../map/roles.ts";
import { pairKey } from "../coverage.ts";
import { type Draft, type Heuristic, fromBase, slugOf } from "../draft.ts";
import { baseFor } from "../reach.ts";

interface Race {
  a: SurfaceController;
  b: SurfaceController;
  trigger: string;
  shared: string;
  pattern: string;
}

const writes = (c: SurfaceController) => new Set(c.writes.map((w) => w.kind));
/** Kinds both write on overlapping surfaces (a delete overlaps everything: deletion races). */
const conflicting = (a: SurfaceController, b: SurfaceController) =>
  [
    ...new Set(
      a.writes.flatMap((x) =>
        b.writes
          .filter(
            (y) => y.kind === x.kind && (y.surface === x.surface || x.op === "DELETE" || y.op === "DELETE"),
          )
          .map(() => x.kind),
      ),
    ),
  ].sort();
const reads = (c: SurfaceController) => new Set(c.reads.map((r) => r.kind));

/**
 * Pairs worth permuting (Phase C tuning heuristics): two controllers fired by one event that write a shared
 * object (diamond), or where one writes what the other reads (create → consume). Disjoint pairs are skipped.
 */
function races(map: SurfaceMap): Race[] {
  const out: Race[] = [];
  const cs = map.controllers.filter((c) => c.registered);
  for (let i = 0; i < cs.length; i++)
    for (let j = i + 1; j < cs.length; j++) {
      const [a, b] = [cs[i], cs[j]];
      const trigger = [...triggerKinds(a)].filter((k) => triggerKinds(b).has(k)).sort()[0];
      if (!trigger) continue;
      const diamond = conflicting(a, b)[0];
      if (diamond) {
        out.push({
          a,
          b,
          trigger,
          shared: diamond,
          pattern: `diamond convergence: ${a.id} and ${b.id} are both triggered by ${trigger} and both write ${diamond}`,
        });
        continue;
      }
      const [w, r] = [...writes(a)].some((k) => reads(b).has(k)) ? [a, b] : [b, a];
      const consumed = [...writes(w)].filter((k) => reads(r).has(k)).sort()[0];
      if (consumed)
        out.push({
          a,
          b,
          trigger,
          shared: consumed,
          pattern: `create → consume: ${w.id} writes ${consumed} that ${r.id} reads; both are triggered by ${trigger}`,
        });
    }
  return out;
}

export const ordering: Heuristic = (ctx) => {
  const out: ReturnType<Heuristic> = { drafts: [], skipped: [] };
  for (const race of races(ctx.map)) {
    const ids = [race.a.id, race.b.id].sort();
    const target = pairKey(race.a.id, race.b.id);
    if (ctx.coverage.permutedPairs.has(target)) {
      out.skipped.push({
        dimension: "ordering",
        target,
        reason: "an existing scenario already permutes both",
      });
      continue;
    }
    const found = baseFor(ctx.map, ctx.seeds, ids);
    const entry = found?.kind;
    const base = found?.base;
    if (!entry || !base) {
      out.skipped.push({
        dimension: "ordering",
        target,
        reason: "no seeded user-facing kind reaches both controllers",
      });
      continue;
    }
    // Process-local state does not survive DFS forks faithfully: permute under Monte Carlo (Karpenter rule).
    const singleton = ctx.map.sharedState.some((s) => s.controllers.some((c) => ids.includes(c)));
    const tuning: Tuning = { permuteControllers: ids };
    if (singleton) tuning.search = { mode: "monte_carlo", monteCarlo: { seed: 1, trials: 20 } };
    const draft: Draft = {
      dimension: "ordering",
      slug: `ordering-${slugOf(ids[0])}-vs-${slugOf(ids[1])}`,
      scenarios: [
        {
          suffix: "",
          scenario: fromBase(base, tuning),
          annotation: {
            dimension: "ordering",
            pattern: race.pattern,
            window: `the order in which ${ids.join(" and ")} reconcile after ${race.trigger} changes${singleton ? " (Monte Carlo: shared in-memory state)" : ""}`,
            why: `no existing scenario permutes ${ids.join(" and ")} (seeded from ${base.from} via ${entry})`,
            hypothesis: `if ${race.shared} ends in more than one terminal state across orderings, the outcome depends on which of ${ids.join(" / ")} runs first`,
            targets: { controllers: ids, kinds: [race.trigger, race.shared] },
          },
        },
      ],
    };
    out.drafts.push(draft);
  }
  return out;
};
