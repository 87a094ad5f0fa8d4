import type { Citation } from "../../formats/citation.ts";
import { convergedGroups, outcomeCounts } from "./terminal.ts";
import type { EvidenceFinder } from "./types.ts";

const MAX_CITED_GROUPS = 5;

/**
 * Divergence (Phase G): the exploration reaches a converged terminal group the reference did not (or ≥ 2 groups
 * when the reference never converged). Cites one path per group: the expected outcome first, then each new one.
 */
export const findDivergenceEvidence: EvidenceFinder = (input) => {
  const explored = convergedGroups(input.exploration);
  const reference = convergedGroups(input.baseline);
  const known = new Set(reference.groups.map((g) => g.key));
  const fresh =
    known.size > 0
      ? explored.groups.filter((g) => !known.has(g.key))
      : explored.groups.length >= 2
        ? explored.groups.slice(1)
        : [];
  if (fresh.length === 0) return undefined;
  const expectedKey = reference.groups[0]?.key ?? explored.groups[0]?.key;
  const expectedHere = explored.groups.find((g) => g.key === expectedKey);
  const expected = expectedHere ?? reference.groups[0] ?? explored.groups[0];
  const citations: Citation[] = [];
  if (expected)
    citations.push({
      ...expected.representative,
      note: `expected outcome: terminal group ${expected.key} (the reference's)`,
    });
  for (const g of fresh.slice(0, MAX_CITED_GROUPS))
    citations.push({
      ...g.representative,
      note: `divergent outcome: terminal group ${g.key} (${g.count} of ${explored.states} converged states)`,
    });
  const k = fresh.reduce((n, g) => n + g.count, 0);
  const n = outcomeCounts(input.exploration).total;
  const groups = explored.groups.map((g) => g.key).join(", ");
  const was =
    known.size > 0
      ? `the reference had ${known.size} (${[...known].join(", ")})`
      : "the reference never converged";
  return {
    kind: "divergence",
    citations,
    hitRate: { k, n: Math.max(n, 1) },
    reason: `exploration reached ${explored.groups.length} distinct converged terminal groups (${groups}) where ${was}; ${k} of ${n} terminal states diverge`,
  };
};
