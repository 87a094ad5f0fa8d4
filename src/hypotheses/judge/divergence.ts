import { statesOf } from "../../analysis/index.ts";
import type { Citation } from "../../formats/citation.ts";
import { checkInvariants, type ObjectRef, type TerminalView, terminalView } from "../../invariants/index.ts";
import type { JudgeChecks } from "./checks.ts";
import { signature, violationsIn } from "./invariants.ts";
import { type Difference, describeDifferences, differencesBetween } from "./differences.ts";
import { convergedGroups, outcomeCounts } from "./terminal.ts";
import type { Evidence, EvidenceFinder, LoadedDump } from "./types.ts";

const MAX_CITED_GROUPS = 5;

/** The terminal state a citation points at, as a view (undefined when it is not among the dumps). */
function viewAt(dumps: readonly LoadedDump[], c: Citation): TerminalView | undefined {
  const d = dumps.find((x) => x.id === c.dump);
  const s = d && statesOf(d.dump).find((x) => x.id === c.stateId);
  return d && s ? terminalView(d.dump, s).view : undefined;
}

const uniqueRefs = (ds: readonly Difference[]): ObjectRef[] => [
  ...new Map(ds.map((d) => [`${d.object.kind}|${d.object.namespace}|${d.object.name}`, d.object])).values(),
];

/**
 * Divergence (Phase G) after masks: the exploration reaches a converged terminal group the reference did not (or ≥ 2
 * groups when the reference never converged). Groups are compared with bookkeeping fields masked (resourceVersion,
 * generation, timestamps, uid, managedFields and the project's masks), so an outcome that differs only there is the
 * same outcome. Cites the expected outcome first, then each new one, and names what differs, by class.
 */
export function findMaskedDivergence(
  exploration: readonly LoadedDump[],
  baseline: readonly LoadedDump[],
  checks: JudgeChecks,
): Evidence | undefined {
  const explored = convergedGroups(exploration, checks.mask);
  const reference = convergedGroups(baseline, checks.mask);
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
  const differences: Difference[] = [];
  const expectedView = expected && viewAt([...exploration, ...baseline], expected.representative);
  if (expected)
    citations.push({
      ...expected.representative,
      note: `expected outcome: terminal state ${expected.representative.contentsHash} (the reference's)`,
    });
  for (const g of fresh.slice(0, MAX_CITED_GROUPS)) {
    const view = viewAt(exploration, g.representative);
    const ds = expectedView && view ? differencesBetween(expectedView, view, checks.mask) : [];
    if (differences.length === 0) differences.push(...ds);
    citations.push({
      ...g.representative,
      note: `divergent outcome: terminal state ${g.representative.contentsHash} (${g.count} of ${explored.states} converged states)${ds.length ? `: ${describeDifferences(ds)}` : ""}`,
    });
  }
  const k = fresh.reduce((n, g) => n + g.count, 0);
  const n = outcomeCounts(exploration).total;
  const was =
    known.size > 0 ? `the reference had ${reference.groups.length}` : "the reference never converged";
  const what = differences.length ? `; ${describeDifferences(differences)}` : "";
  return {
    kind: "divergence",
    citations,
    hitRate: { k, n: Math.max(n, 1) },
    reason: `exploration reached ${explored.groups.length} distinct converged outcomes after masking bookkeeping fields (${explored.groups.map((g) => g.representative.contentsHash).join(", ")}) where ${was}; ${k} of ${n} terminal states diverge${what}`,
    differences,
    symptom: { kind: "divergence", invariants: [], objects: uniqueRefs(differences) },
  };
}

/**
 * A divergence away from a reference that is itself wrong, toward an outcome that breaks fewer of the invariants the
 * reference breaks (and no other): the perturbation heals part of a bug every path has, it does not add one — the
 * reference path's own finding reports that bug. Returns the observation to record instead of a confirmation.
 */
export function healsReference(
  ev: Evidence,
  exploration: readonly LoadedDump[],
  baseline: readonly LoadedDump[],
  checks: JudgeChecks,
): { reason: string; citations: Citation[] } | undefined {
  const broken = new Set(violationsIn(baseline, checks).map(signature));
  if (broken.size === 0) return undefined;
  const divergent = ev.citations.filter((c) => c.note?.startsWith("divergent outcome"));
  const healthier = divergent.every((c) => {
    const view = viewAt(exploration, c);
    if (!view) return false;
    const sigs = new Set(
      checkInvariants(checks.invariants, view).flatMap((r) =>
        r.violations.map((violation) => signature({ invariant: r.invariant, violation })),
      ),
    );
    return sigs.size < broken.size && [...sigs].every((s) => broken.has(s));
  });
  if (divergent.length === 0 || !healthier) return undefined;
  const names = [...new Set([...broken].map((s) => s.slice(0, s.indexOf("|"))))];
  return {
    reason: `the reference itself breaks ${names.join(", ")}; the divergent outcome breaks fewer of those and nothing else, so the perturbation heals part of a bug every path has rather than adding one (${ev.reason})`,
    citations: ev.citations,
  };
}

/** The finder form (checks default to the built-in masks when the caller gives none). */
export const findDivergenceEvidence: EvidenceFinder = (input) =>
  findMaskedDivergence(input.exploration, input.baseline, input.checks);
