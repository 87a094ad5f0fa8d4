import type { EvidenceKind } from "../types.ts";
import { declaresInvariants } from "./checks.ts";
import { citeStep } from "../../analysis/index.ts";
import { firstRestartStep, splitByCrashFate, stateFate } from "./crash.ts";
import { findCyclingEvidence } from "./cycling.ts";
import { withoutUnfinishedRetries } from "./retries.ts";
import { splitByOpenWindows } from "./stale.ts";
import { findDivergenceEvidence, findMaskedDivergence, healsReference } from "./divergence.ts";
import { findErrorEvidence } from "./errors.ts";
import { findInvariantEvidence } from "./invariants.ts";
import { findPredicateEvidence } from "./predicates.ts";
import { convergedGroups, outcomeCounts, visitRatio } from "./terminal.ts";
import type { Evidence, EvidenceFinder, JudgeInput, Judgement, Observation } from "./types.ts";

/** Where each kind of confirming evidence is looked for (on the states the judge may use). */
export const EVIDENCE_FINDERS: Record<EvidenceKind, EvidenceFinder> = {
  invariant: (i) =>
    findInvariantEvidence(i.exploration, i.baseline, i.checks, outcomeCounts(i.exploration).total),
  divergence: findDivergenceEvidence,
  error: (i) => findErrorEvidence(i.exploration, i.baseline),
  predicate: findPredicateEvidence,
  cycling: findCyclingEvidence,
};

/** Strongest evidence first: the project's own rules, the hypothesis's, a failure, then a difference, then churn. */
const STRENGTH: readonly EvidenceKind[] = ["invariant", "predicate", "error", "divergence", "cycling"];

const ratioText = (r: number | undefined) => (r === undefined ? "" : `, total/unique visits ${r.toFixed(1)}`);

const confirmed = (ev: Evidence): Judgement => ({
  status: "confirmed",
  evidence: ev.kind,
  citations: ev.citations,
  reason: ev.reason,
  hitRate: ev.hitRate,
  symptom: ev.symptom,
  ...(ev.differences ? { differences: ev.differences } : {}),
});

/** A crash hypothesis whose trace shows no crash and no recovery: the engine (kamera) does not record crashes. */
const crashUnseen = (input: JudgeInput): boolean =>
  input.hypothesis.type === "fault-injection" &&
  input.exploration.every(({ dump }) => (dump.states ?? []).every((s) => stateFate(s) === "none"));

/** When the trace cannot tell crashed paths apart, no state may be judged as if no crash happened. */
function everyStateUnrestarted(dumps: JudgeInput["exploration"]): ReturnType<typeof splitByCrashFate> {
  return {
    judged: dumps.map(({ id, dump }) => ({ id, dump: { ...dump, states: [] } })),
    unrestarted: [...dumps],
    crashed: 0,
  };
}

/**
 * A crash finding is about the state after the restart: cite where the restarted manager took over on a wrong path,
 * and say the restart did not heal it.
 */
function afterRestart(ev: Evidence, dumps: JudgeInput["exploration"]): Evidence {
  for (const c of ev.citations) {
    if (c.note?.startsWith("expected")) continue;
    const s = dumps.find((d) => d.id === c.dump)?.dump.states?.find((x) => x.id === c.stateId);
    const path = s?.paths?.[c.pathIndex] ?? [];
    const k = firstRestartStep(path);
    if (!s || k < 0) continue;
    const restart = citeStep(
      c.dump,
      s,
      c.pathIndex,
      k,
      "manager restart: every controller reconciles every object again with fresh caches",
    );
    return {
      ...ev,
      citations: [...ev.citations, restart],
      reason: `${ev.reason}; the manager restart after the crash (step ${k}) did not heal it`,
    };
  }
  const crashedHere = ev.citations.some((c) => {
    const s = dumps.find((d) => d.id === c.dump)?.dump.states?.find((x) => x.id === c.stateId);
    return !c.note?.startsWith("expected") && s !== undefined && stateFate(s) !== "none";
  });
  if (!crashedHere) return ev;
  return {
    ...ev,
    reason: `${ev.reason}; the manager restarted after the crash and found nothing left to reconcile, so nothing healed it`,
  };
}

/**
 * What the states a crash left without a restart show. A real controller manager restarts after a crash and every
 * controller reconciles everything again, so a wrong state there is not a bug until a restart fails to heal it.
 */
function unrestartedObservation(
  input: JudgeInput,
  unrestarted: JudgeInput["exploration"],
): Observation | undefined {
  const ev =
    findInvariantEvidence(unrestarted, input.baseline, input.checks, outcomeCounts(unrestarted).total) ??
    findMaskedDivergence(unrestarted, input.baseline, input.checks);
  if (!ev) return undefined;
  return {
    reason: `after the injected crash, with no manager restart modelled (no restartManager, no recoverAtDepth): ${ev.reason}; a restart may heal this, so it is an observation, not a bug`,
    citations: ev.citations,
    symptom: ev.symptom,
  };
}

/** What states that ended with a staleness window still open show (never evidence: a real cache catches up). */
function openWindowObservation(
  input: JudgeInput,
  w: ReturnType<typeof splitByOpenWindows>,
): Observation | undefined {
  if (w.count === 0 || !w.example) return undefined;
  const ev =
    findInvariantEvidence(w.stale, input.baseline, input.checks, outcomeCounts(w.stale).total) ??
    findErrorEvidence(w.stale, input.baseline) ??
    findMaskedDivergence(w.stale, input.baseline, input.checks);
  const iv = w.example;
  const why = `${w.count} terminal state(s) ended with ${iv.reconciler}'s view of ${iv.kind} still stale (window [${iv.staleAt}, ${iv.catchUpAt}) never closed): a real informer catches up, so they are not evidence`;
  return {
    reason: ev ? `${why}; there: ${ev.reason}` : why,
    citations: ev?.citations ?? [],
    ...(ev ? { symptom: ev.symptom } : {}),
  };
}

/**
 * Phase J step 5 from evidence only (rules: README "How the judge decides"):
 * confirmed by a violated invariant (declared or built-in), a violated hypothesis predicate, a failure that never
 * heals, a masked divergence (only when the project declares no invariants — otherwise a divergence that violates
 * none is allowed nondeterminism, an observation) or a cycle. States a crash left without a restart are never
 * evidence. Refuted when every judged state converged to the reference's outcome after masks; otherwise
 * inconclusive, saying what stood in the way. Citations are checked against the dumps by the caller.
 */
export function judgeOutcome(raw: JudgeInput): Judgement {
  // States whose queued retry would run on a changed world are not outcomes (kamera counts them as converged).
  const input: JudgeInput = {
    ...raw,
    exploration: withoutUnfinishedRetries(raw.exploration).dumps,
    baseline: withoutUnfinishedRetries(raw.baseline).dumps,
  };
  const split = crashUnseen(input)
    ? everyStateUnrestarted(input.exploration)
    : splitByCrashFate(input.exploration);
  const windows = splitByOpenWindows(split.judged, input.intervals ?? []);
  const judged: JudgeInput = { ...input, exploration: windows.judged };
  const observations: Observation[] = [];
  const crashObservation = unrestartedObservation(input, split.unrestarted);
  if (crashObservation) observations.push(crashObservation);
  const staleObservation = openWindowObservation(input, windows);
  if (staleObservation) observations.push(staleObservation);
  const kinds = [...new Set<EvidenceKind>(["invariant", ...input.confirmedBy])].sort(
    (a, b) => STRENGTH.indexOf(a) - STRENGTH.indexOf(b),
  );
  for (const kind of kinds) {
    const ev = EVIDENCE_FINDERS[kind](judged);
    if (!ev) continue;
    const heals =
      kind === "divergence"
        ? healsReference(ev, judged.exploration, input.baseline, input.checks)
        : undefined;
    if (heals) {
      observations.push({ ...heals, symptom: ev.symptom });
      continue;
    }
    if (kind === "divergence" && declaresInvariants(input.checks)) {
      observations.push({
        reason: `allowed nondeterminism: ${ev.reason}; the outcome violates none of the project's ${input.checks.invariants.declared.length} invariant(s)`,
        citations: ev.citations,
        symptom: ev.symptom,
      });
      continue;
    }
    return confirmed(split.crashed > 0 ? afterRestart(ev, judged.exploration) : ev);
  }
  return withoutEvidence(judged, observations, split.crashed);
}

/** No confirming evidence: refuted (cited expected behaviour) or inconclusive, with what was observed. */
function withoutEvidence(input: JudgeInput, observations: Observation[], crashed: number): Judgement {
  const observation = observations[0];
  const seen = observations.map((o) => `; observed: ${o.reason}`).join("");
  const c = outcomeCounts(input.exploration);
  const ratio = visitRatio(input.exploration);
  const inconclusive = (reason: string): Judgement => ({
    status: "inconclusive",
    citations: [],
    reason: reason + seen,
    ...(observation ? { observation } : {}),
  });
  if (input.run.status === "failed") return inconclusive(`the run failed: ${input.run.error ?? "no dumps"}`);
  if (input.hypothesis.type === "fault-injection" && crashed === 0 && c.total === 0)
    return inconclusive(
      "no explored path shows the injected crash firing (it never fired, or the engine does not record crashes): nothing to judge",
    );
  if (c.total === 0 && observations.length > 0)
    return inconclusive("no terminal state could be judged (each was excluded for the reason observed)");
  if (c.total === 0)
    return inconclusive(
      crashed > 0
        ? "every explored path ended crashed without a manager restart: set restartManager to judge the crash"
        : "the run produced no terminal states (stopped before any branch ended)",
    );
  if (c.converged === 0)
    return inconclusive(
      `all ${c.total} terminal states aborted (${c.maxDepth} at max depth${ratioText(ratio)}): nothing converged to compare; ${
        ratio !== undefined && ratio > 3 ? "the system cycles, more depth will not help" : "raise maxDepth"
      }`,
    );
  if (c.maxDepth > 0)
    return inconclusive(
      `${c.maxDepth} of ${c.total} terminal states aborted at max depth${ratioText(ratio)}: raise maxDepth to tell a cycle from a long path`,
    );
  if (input.run.status === "partial")
    return inconclusive(
      `the run stopped early (${input.run.error ?? "timeout"}) after ${c.total} terminal states, all matching the reference; a complete run may still diverge`,
    );
  const groups = convergedGroups(input.exploration, input.checks.mask);
  const citations = groups.groups.map((g) => ({
    ...g.representative,
    note: `expected behaviour: terminal state ${g.representative.contentsHash}`,
  }));
  const allowed = observations.length > 0;
  return {
    status: "refuted",
    citations,
    hitRate: { k: 0, n: c.total },
    reason: allowed
      ? `every judged terminal state satisfies the project's invariants${seen}`
      : `all ${c.total} terminal states (${groups.paths} paths) converged to the reference outcome after masking bookkeeping fields (${groups.groups
          .map((g) => g.representative.contentsHash)
          .join(", ")}); no ${[...new Set(["invariant", ...input.confirmedBy])].join(", no ")} evidence`,
    ...(observation ? { observation } : {}),
  };
}

export { type JudgeChecks, judgeChecks, declaresInvariants } from "./checks.ts";
export { AFTER_RESTART, crashFate, firstRestartStep, stateFate } from "./crash.ts";
export {
  type Difference,
  type DifferenceClass,
  describeDifferences,
  differencesBetween,
} from "./differences.ts";
export { neverHealingFailures } from "./errors.ts";
export { invariantErrors, violationsIn } from "./invariants.ts";
export { describePredicate, holds } from "./predicates.ts";
export { judgeReference } from "./reference.ts";
export { convergedGroups, outcomeCounts, visitRatio } from "./terminal.ts";
export type { Evidence, EvidenceFinder, JudgeInput, Judgement, LoadedDump, Observation } from "./types.ts";
