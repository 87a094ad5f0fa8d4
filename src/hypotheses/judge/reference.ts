import type { Citation } from "../../formats/citation.ts";
import type { JudgeChecks } from "./checks.ts";
import { neverHealingFailures } from "./errors.ts";
import { withoutUnfinishedRetries } from "./retries.ts";
import { violationsIn } from "./invariants.ts";
import { outcomeCounts } from "./terminal.ts";
import type { Evidence, LoadedDump } from "./types.ts";

/**
 * A bug without any perturbation: what the reference run itself shows wrong — an invariant violated in its converged terminal
 * state, or a failure that never heals and is a defect (see isDefect; other lasting failures are observations). No
 * perturbation is needed to see these, so no hypothesis can: they are judged from the reference alone. One piece of
 * evidence per invariant and per failure signature.
 */
export function judgeReference(
  all: readonly LoadedDump[],
  checks: JudgeChecks,
): { confirmed: Evidence[]; observations: Evidence[] } {
  const dumps = withoutUnfinishedRetries(all).dumps;
  const n = Math.max(outcomeCounts(dumps).total, 1);
  const out: Evidence[] = [];
  const observations: Evidence[] = [];
  const byInvariant = new Map<string, ReturnType<typeof violationsIn>>();
  for (const v of violationsIn(dumps, checks))
    byInvariant.set(v.invariant, [...(byInvariant.get(v.invariant) ?? []), v]);
  for (const [name, vs] of byInvariant) {
    const states = new Set(vs.map((v) => `${v.dump}|${v.state.id}`));
    const citations: Citation[] = [];
    for (const v of vs.slice(0, 3)) {
      const path = v.state.paths?.[0] ?? [];
      citations.push({
        dump: v.dump,
        stateId: v.state.id,
        pathIndex: 0,
        stepIndex: path.length - 1,
        controllerId: path.at(-1)?.controllerId ?? "",
        contentsHash: path.at(-1)?.contentsHashAfter ?? "",
        note: `invariant violated on the reference path: ${name}: ${v.violation.message}`,
      });
    }
    out.push({
      kind: "invariant",
      citations,
      hitRate: { k: states.size, n },
      reason: `the reference run itself ends violating "${name}": ${vs
        .map((v) => v.violation.message)
        .slice(0, 3)
        .join("; ")}`,
      symptom: {
        kind: "invariant",
        invariants: [name],
        objects: [
          ...new Map(
            vs.flatMap((v) => v.violation.objects).map((o) => [`${o.kind}|${o.namespace}|${o.name}`, o]),
          ).values(),
        ],
      },
    });
  }
  const failures = neverHealingFailures(dumps);
  const bySignature = new Map<string, typeof failures>();
  for (const f of failures) bySignature.set(f.signature, [...(bySignature.get(f.signature) ?? []), f]);
  for (const fs of bySignature.values()) {
    const first = fs[0] as (typeof fs)[number];
    (isDefect(first.citation.note ?? "") ? out : observations).push({
      kind: "error",
      citations: fs.slice(0, 3).map((f) => f.citation),
      hitRate: { k: new Set(fs.map((f) => f.stateKey)).size, n },
      reason:
        `the reference run itself never heals: ${first.citation.controllerId || "engine"} ${first.citation.note ?? ""}`.trim(),
      symptom: { kind: "error", invariants: [], objects: [] },
    });
  }
  return { confirmed: out, observations };
}

/**
 * A failure that is a defect whatever the scenario: a runtime error of the controller's own code (JavaScript's
 * TypeError family, a Go panic) or a write the API server can never accept (Invalid). Any other lasting failure on
 * the plain path — a controller deliberately failing while it waits for something — may mean the scenario lacks
 * what it waits for, so it is reported as an observation, not a confirmed bug.
 */
const DEFECT =
  /Cannot read propert|Cannot set propert|is not a function|is not defined|is not iterable|is not a constructor|Maximum call stack|Invalid array length|\bpanic\b|nil pointer|index out of range|\bInvalid\b|is invalid/i;
export const isDefect = (message: string): boolean => DEFECT.test(message);
