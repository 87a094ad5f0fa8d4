import { findErrors, outcomeOf, statesOf, terminalHash } from "../../analysis/index.ts";
import type { Citation } from "../../formats/citation.ts";
import { convergedGroups, outcomeCounts } from "./terminal.ts";
import type { EvidenceFinder, LoadedDump } from "./types.ts";

/** Controller + message with numbers and hashes blanked, so the same failure in two runs compares equal. */
function signature(c: Citation): string {
  const msg = (c.note ?? "").replace(/[0-9a-f]{8,}/gi, "#").replace(/\d+/g, "#");
  return `${c.controllerId}|${msg}`;
}

/**
 * States whose errors healed: they converged to an outcome the reference also reaches. A transient error
 * that converges to the expected state is "not a bug" (workflow §7), so it cannot confirm anything.
 */
function healedStates(exploration: readonly LoadedDump[], expected: ReadonlySet<string>): Set<string> {
  const healed = new Set<string>();
  for (const { id, dump } of exploration)
    for (const s of statesOf(dump))
      if (outcomeOf(s) === "converged" && expected.has(terminalHash(s))) healed.add(`${id}|${s.id}`);
  return healed;
}

/** An error the reference does not show and that did not heal: a reconcile error on a path that ends elsewhere
 * than the reference outcome, or an abort other than max depth. */
export const findErrorEvidence: EvidenceFinder = (input) => {
  const known = new Set(findErrors(input.baseline).map(signature));
  const expected = new Set(convergedGroups(input.baseline).groups.map((g) => g.key));
  const healed = healedStates(input.exploration, expected);
  const fresh = findErrors(input.exploration).filter(
    (c) => !known.has(signature(c)) && !healed.has(`${c.dump}|${c.stateId}`),
  );
  if (fresh.length === 0) return undefined;
  const bySignature = new Map<string, Citation>();
  for (const c of fresh) if (!bySignature.has(signature(c))) bySignature.set(signature(c), c);
  const states = new Set(fresh.map((c) => `${c.dump}|${c.stateId}`));
  const n = outcomeCounts(input.exploration).total;
  const first = [...bySignature.values()][0] as Citation;
  return {
    kind: "error",
    citations: [...bySignature.values()].slice(0, 5),
    hitRate: { k: states.size, n: Math.max(n, states.size, 1) },
    reason:
      `${bySignature.size} error(s) the reference does not show and that did not heal, in ${states.size} of ${n} terminal states; first: ${first.controllerId || "engine"} ${first.note ?? ""}`.trim(),
  };
};
