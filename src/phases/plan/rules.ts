import { staleOwnWrite, staleReadWithoutWatch, staleSharedWrite } from "./staleness-rule.ts";
import { selfRaceable } from "./self-race.ts";
import { controllerOf, sharedKinds } from "./surface-facts.ts";
import { userActionTiming } from "./user-action-rule.ts";
import type { PlannerRule, Proposal, ReferenceView, RuleName } from "./types.ts";

const base = (ref: ReferenceView) => ({ scenario: ref.file, scenarioName: ref.scenario.name });
const ordinal = (n: number) => `${n}${n === 1 ? "st" : n === 2 ? "nd" : n === 3 ? "rd" : "th"}`;

/** Multi-write reconcile → a crash after each write but the last (N writes leave N−1 crash windows). */
const crashAfterEachWrite: PlannerRule = (_input, ref) => {
  const most = new Map<string, number>();
  for (const s of ref.facts.steps)
    if (s.writes.length >= 2)
      most.set(s.controllerId, Math.max(most.get(s.controllerId) ?? 0, s.writes.length));
  return [...most].flatMap(([controller, writes]) =>
    Array.from({ length: writes - 1 }, (_, i): Proposal => {
      const k = i + 1;
      return {
        ...base(ref),
        key: `crash:${ref.file}#${ref.scenario.name}:${controller}:${k}`,
        rule: "crash-after-each-write",
        type: "fault-injection",
        claim: `A crash of ${controller} after its ${ordinal(k)} of ${writes} writes in one reconcile leaves a state the crash-free run never reaches (the restarted controller does not finish the job)`,
        controllers: [controller],
        kinds: [],
        parameters: { crashAfterEffect: k, triggerOnce: true },
        score: 90 + writes - k,
        severity: "P1",
      };
    }),
  );
};

/** Pending entries that are co-pending with another entry of an interacting controller on the reference path. */
function coPendingPairs(ref: ReferenceView, input: Parameters<PlannerRule>[0]) {
  const pairs = new Map<string, { controllers: string[]; kinds: string[]; width: number }>();
  for (const s of ref.facts.steps) {
    const ids = s.pendingAfter;
    const width = (set: string[]) => ids.filter((id) => set.includes(id)).length;
    for (let i = 0; i < ids.length; i++)
      for (let j = i + 1; j < ids.length; j++) {
        const [a, b] = [ids[i] as string, ids[j] as string].sort();
        const ca = controllerOf(input.map, a as string);
        const cb = controllerOf(input.map, b as string);
        if (!ca || !cb) continue;
        const kinds = sharedKinds(ca, cb);
        if (kinds.length === 0) continue;
        if (a === b && !selfRaceable(ref, a, ca.for)) continue;
        const controllers = a === b ? [a as string] : [a as string, b as string];
        const key = controllers.join("+");
        const w = Math.max(width(controllers), pairs.get(key)?.width ?? 0);
        pairs.set(key, { controllers, kinds, width: w });
      }
  }
  return [...pairs.values()];
}

/** Three or more racing reconciles: DFS grows factorially, random trials sample the orderings cheaply. */
const MC_WIDTH = 3;
const MC_TRIALS = 20;

/**
 * Many reconciles pending together that write a shared object → Monte Carlo trials over their orderings, tried
 * before the exhaustive ordering search of the same races (kamera's K5 pattern: several terminal states over
 * trials). One hypothesis per scenario: a trial draws among every ready reconcile, so a sample "for" one race is
 * the same sample for all of them — one per race would only run it again under another name.
 */
const racingMany: PlannerRule = (input, ref) => {
  const wide = coPendingPairs(ref, input).filter((p) => p.width >= MC_WIDTH);
  if (wide.length === 0) return [];
  const controllers = [...new Set(wide.flatMap((p) => p.controllers))].sort();
  const kinds = [...new Set(wide.flatMap((p) => p.kinds))].sort();
  const races = wide.map((p) => `${p.width} of ${p.controllers.join(" and ")}`).join("; ");
  return [
    {
      ...base(ref),
      key: `mc:${ref.file}#${ref.scenario.name}`,
      rule: "racing-many" as RuleName,
      type: "monte-carlo" as const,
      claim: `With several reconciles pending at once (${races}), the terminal state depends on which runs last: they write ${kinds.join(", ")}`,
      controllers,
      kinds,
      parameters: { trials: MC_TRIALS, seed: 1 },
      score: 75 + Math.max(...wide.map((p) => p.kinds.length)),
      severity: "P2" as const,
    },
  ];
};

/** Controllers triggered together that write a shared object (or one reads what the other writes) → ordering. */
const coPendingWriters: PlannerRule = (input, ref) =>
  coPendingPairs(ref, input).map(({ controllers, kinds }) => ({
    ...base(ref),
    key: `ordering:${ref.file}#${ref.scenario.name}:${controllers.join("+")}`,
    rule: "co-pending-writers",
    // Scoped to the depths where the race is open on the reference path: the targeted alternative to permuting
    // everywhere (the band is calibrated from the reference trace when the variant is planned).
    type: "ordering-depth-band",
    claim:
      controllers.length === 1
        ? `The order in which several pending ${controllers[0]} reconciles run changes the outcome: they all write ${kinds.join(", ")}`
        : `Running ${controllers[1]} before ${controllers[0]} (or the reverse) changes the outcome: they meet on ${kinds.join(", ")}`,
    controllers,
    kinds,
    // Several reconciles of one controller racing is the cheaper search: try it before a pair.
    score: (controllers.length === 1 ? 66 : 60) + kinds.length,
    severity: "P2",
  }));

/** The reference cycles (total/unique visits > 3) → an unconditional write keeps re-triggering a controller. */
const cycling: PlannerRule = (_input, ref) => {
  const ratio = ref.facts.cyclingRatio ?? 0;
  if (ratio <= 3 && ref.facts.terminals.maxDepthAborted === 0) return [];
  const writes = new Map<string, number>();
  for (const s of ref.facts.steps)
    writes.set(s.controllerId, (writes.get(s.controllerId) ?? 0) + s.writes.length);
  const top = [...writes].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
  if (!top || top[1] === 0) return [];
  return [
    {
      ...base(ref),
      key: `cycling:${ref.file}#${ref.scenario.name}:${top[0]}`,
      rule: "cycling",
      type: "unconditional-write",
      claim: `${top[0]} writes unconditionally (${top[1]} writes on the reference path; total/unique visits ${ratio.toFixed(1)}), so the system never quiesces`,
      controllers: [top[0]],
      kinds: [],
      score: 40,
      severity: "P3",
    },
  ];
};

/**
 * Rule table keyed by rule name: a new rule without an entry fails to compile. Scores put the cheapest evidence
 * first: single-path perturbations (a crash, a stale window, a timed input: ~one reference path each), then
 * sampled orderings (Monte Carlo: trials × path), then exhaustive ordering searches (factorial in the race width).
 */
export const PLANNER_RULES: Record<RuleName, PlannerRule> = {
  "crash-after-each-write": crashAfterEachWrite,
  "co-pending-writers": coPendingWriters,
  "racing-many": racingMany,
  "stale-read-without-watch": staleReadWithoutWatch,
  "stale-own-write": staleOwnWrite,
  "stale-shared-write": staleSharedWrite,
  "user-action-timing": userActionTiming,
  cycling,
};
