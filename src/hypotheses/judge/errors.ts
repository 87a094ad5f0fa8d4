import { findErrors } from "../../analysis/index.ts";
import type { Citation } from "../../formats/citation.ts";
import { outcomeCounts } from "./terminal.ts";
import type { EvidenceFinder } from "./types.ts";

/** Controller + message with numbers and hashes blanked, so the same failure in two runs compares equal. */
function signature(c: Citation): string {
  const msg = (c.note ?? "").replace(/[0-9a-f]{8,}/gi, "#").replace(/\d+/g, "#");
  return `${c.controllerId}|${msg}`;
}

/** An error the reference does not show: a reconcile error step, or an abort other than max depth. */
export const findErrorEvidence: EvidenceFinder = (input) => {
  const known = new Set(findErrors(input.baseline).map(signature));
  const fresh = findErrors(input.exploration).filter((c) => !known.has(signature(c)));
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
      `${bySignature.size} error(s) the reference does not show, in ${states.size} of ${n} terminal states; first: ${first.controllerId || "engine"} ${first.note ?? ""}`.trim(),
  };
};
