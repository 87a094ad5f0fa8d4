import { citeStep } from "../../analysis/index.ts";
import { outcomeOf, pathsOf, statesOf, writesOf } from "../../analysis/index.ts";
import type { Citation } from "../../formats/citation.ts";
import { keyKind, keyString } from "../../formats/dump.ts";
import type { ObjectRef } from "../../invariants/index.ts";
import { outcomeCounts, visitRatio } from "./terminal.ts";
import type { EvidenceFinder } from "./types.ts";

/** Writes of one object by one controller in the tail of a path at which the path counts as cycling. */
export const CYCLE_WRITES = 3;

/**
 * Cycling (Phase E): a max-depth path on which a target controller keeps writing the same object in the path's
 * second half. Cites the last such write.
 */
export const findCyclingEvidence: EvidenceFinder = (input) => {
  const targets = new Set(input.hypothesis.targets.controllers ?? []);
  const citations: Citation[] = [];
  // The objects the loop keeps writing: the symptom a user looks for (sorted, each once).
  const objects = new Map<string, ObjectRef>();
  let cyclingStates = 0;
  let detail = "";
  for (const { id, dump } of input.exploration)
    for (const s of statesOf(dump)) {
      if (outcomeOf(s) !== "max-depth") continue;
      const path = pathsOf(s)[0] ?? [];
      const counts = new Map<
        string,
        { n: number; last: number; controller: string; key: string; ref: ObjectRef }
      >();
      for (let k = Math.floor(path.length / 2); k < path.length; k++) {
        const step = path[k];
        if (!step || (targets.size > 0 && !targets.has(step.controllerId))) continue;
        for (const e of writesOf(step)) {
          const key = keyString(e.Key);
          const slot = `${step.controllerId}|${key}`;
          const ref = { kind: keyKind(e.Key), namespace: e.Key.namespace ?? "", name: e.Key.name ?? "" };
          const c = counts.get(slot) ?? { n: 0, last: k, controller: step.controllerId, key, ref };
          counts.set(slot, { ...c, n: c.n + 1, last: k });
        }
      }
      const worst = [...counts.values()].sort((a, b) => b.n - a.n)[0];
      if (!worst || worst.n < CYCLE_WRITES) continue;
      cyclingStates++;
      objects.set(worst.key, worst.ref);
      const tail = path.length - Math.floor(path.length / 2);
      const note = `${worst.controller} wrote ${worst.key} ${worst.n} times in the last ${tail} steps without converging`;
      if (citations.length < 3) citations.push(citeStep(id, s, 0, worst.last, `cycling: ${note}`));
      detail ||= note;
    }
  if (cyclingStates === 0) return undefined;
  const ratio = visitRatio(input.exploration);
  const n = outcomeCounts(input.exploration).total;
  return {
    kind: "cycling",
    citations,
    symptom: {
      kind: "cycling",
      invariants: [],
      objects: [...objects].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, ref]) => ref),
    },
    hitRate: { k: cyclingStates, n: Math.max(n, 1) },
    reason: `${cyclingStates} of ${n} terminal states hit max depth while ${detail}${ratio === undefined ? "" : ` (total/unique visits ${ratio.toFixed(1)})`}`,
  };
};
