import { isCtrlhuntError } from "../../../errors/index.ts";
import {
  buildRerunSection,
  compareRerun,
  type FindingVerdict,
  type ScenarioGroups,
} from "../../../evidence/index.ts";
import type { Finding, Hypothesis, Severity } from "../../../formats/records.ts";
import {
  convergedGroups,
  loadRunDumps,
  type RunReport,
  runHypothesisInWorkspace,
} from "../../../hypotheses/index.ts";
import { explainFinding, withExplanation } from "../../../report/index.ts";
import { describeOutcomeDiff } from "./outcome-diff.ts";
import { budgetLeft, type HuntContext, type PhaseStep, RUN_STATE_CAP } from "../context.ts";
import { recordNegative, sameMechanism } from "./negative.ts";
import { confirmedSibling } from "./sweep-siblings.ts";
import { severityFromEvidence } from "./severity.ts";

/** A new finding gets its severity and its "what differs" sentence from the trace (no model needed). */
function describeNewFinding(ctx: HuntContext, h: Hypothesis, report: RunReport): void {
  const severity = severityFromEvidence(ctx.root, report.judgement, (h.expectedSeverity as Severity) ?? "P2");
  // The judge already names what differs (after masks); the raw diff is the fallback for evidence without it.
  const differs = report.judgement.differences?.length
    ? undefined
    : describeOutcomeDiff(ctx.root, report.judgement.citations);
  ctx.store.updateFinding(ctx.project, (report.finding as Finding).id, (f) => {
    const described: Finding = {
      ...f,
      severity,
      ...(differs ? { summary: `${f.summary ?? f.title}\n\n${differs}` } : {}),
      impact: IMPACT[severity],
    };
    // Mechanism and Fix from the cited paths (offline, deterministic); a model may refine them later.
    const why = f.mechanism ? undefined : explainFinding(ctx.root, described);
    return why ? withExplanation(described, why) : described;
  });
}

/** Production impact by what the trace showed (the rubric phrase, in terms of the terminal state). */
const IMPACT: Record<Severity, string> = {
  P0: "Silent corruption: the system converges to a wrong state without any error.",
  P1: "Permanent: the converged state misses or keeps an object (or violates a stated property) and no controller repairs it; someone has to intervene.",
  P2: "The system converges, but to a state whose field values depend on timing; users see whichever outcome the race produced.",
  P3: "Efficiency: the controllers keep writing without changing the outcome (churn, API load).",
};

/**
 * The verdicts decide whether a confirmed finding is open: "no-longer-reproduces" marks it fixed (date, re-run
 * section, target commit), "still-reproduces" reopens one marked fixed before; "shifts" leaves it as it was.
 */
function markFixes(
  ctx: HuntContext,
  verdicts: readonly FindingVerdict[],
  at: { date: string; rerun: string; commits: ReadonlyMap<string, string> },
): void {
  for (const v of verdicts) {
    if (v.verdict !== "no-longer-reproduces" && v.verdict !== "still-reproduces") continue;
    ctx.store.updateFinding(ctx.project, v.finding, (f) => {
      const { fixedIn: _, ...open } = f;
      if (v.verdict === "still-reproduces") return open;
      const commit = at.commits.get(f.variant ?? f.scenario);
      return { ...open, fixedIn: { date: at.date, rerun: at.rerun, ...(commit ? { commit } : {}) } };
    });
  }
}

const rankOf = (h: Hypothesis) => (typeof h.rank === "number" ? h.rank : 0);

/** Hypotheses to test now, best first: unverified ones; with `redo`, also those already confirmed (Phase I). */
export function queue(hs: readonly Hypothesis[], redo: boolean): Hypothesis[] {
  return hs
    .filter((h) => h.status === "unverified" || (redo && h.status === "confirmed"))
    .sort((a, b) => rankOf(b) - rankOf(a) || a.id.localeCompare(b.id, "en", { numeric: true }));
}

async function test(ctx: HuntContext, h: Hypothesis) {
  try {
    return await runHypothesisInWorkspace(ctx.env, ctx.project, h.id, {
      ...(ctx.timeoutMs ? { timeoutMs: ctx.timeoutMs } : {}),
      maxStates: RUN_STATE_CAP,
      severity: (h.expectedSeverity as Severity | undefined) ?? "P2",
      sameMechanismAs: (x, j) => x.finding ?? sameMechanism(ctx, x, j),
    });
  } catch (e) {
    if (!isCtrlhuntError(e) || e.code !== "CTRLHUNT_PREFLIGHT_FAILED") throw e;
    // A preflight that tuning alone cannot satisfy here: say why, and do not retry it on every hunt.
    const why = e.issues.map((i) => i.message).join("; ") || e.message;
    ctx.store.updateHypothesis(ctx.project, h.id, (x) => ({
      ...x,
      status: "inconclusive",
      reason: `preflight: ${why}`,
    }));
    return undefined;
  }
}

/**
 * Phase I+J (testing half): hypothesis → variant → run → outcome, best-ranked first, within the budgets. Refuted
 * hypotheses become negative results; re-tested confirmed ones get a dated re-run section with a verdict each.
 */
export function rerunStep(redo: boolean): (ctx: HuntContext) => ReturnType<PhaseStep> {
  return async (ctx) => {
    const before: Finding[] = ctx.store.listFindings(ctx.project).filter((f) => f.status === "confirmed");
    const summary: string[] = [];
    const outputs: string[] = [];
    const observed: ScenarioGroups[] = [];
    const commits = new Map<string, string>();
    let states = 0;
    for (const h of queue(ctx.store.listHypotheses(ctx.project), redo)) {
      const stop = budgetLeft(ctx);
      if (stop) return { summary, outputs, statesExplored: states, stopped: stop };
      const sibling = redo
        ? undefined
        : confirmedSibling(h, ctx.store.listHypotheses(ctx.project), ctx.state.phases.hypothesize?.coverage);
      if (sibling) {
        summary.push(
          `${h.id} not run: ${sibling.id}, another point of the same sweep, is confirmed${sibling.finding ? ` (finding ${sibling.finding})` : ""}`,
        );
        continue;
      }
      ctx.emit({ type: "step", phase: "rerun", message: `${h.id} (${h.type}): ${h.claim}` });
      const report = await test(ctx, h);
      const now = ctx.store.readHypothesis(ctx.project, h.id);
      outputs.push(h.id);
      if (!report) {
        summary.push(`${h.id} ${now.status}: ${now.reason ?? ""}`);
        continue;
      }
      const used =
        report.runs.exploration.metrics.totalNodeVisits +
        (report.runs.variantReference?.metrics.totalNodeVisits ?? 0);
      states += used;
      ctx.spent.states += used;
      const groups = convergedGroups(loadRunDumps(ctx.root, report.runs.exploration));
      observed.push({
        scenario: report.explored,
        groups: groups.groups.map((g) => ({ hash: g.key, count: g.count })),
      });
      // A confirmed hypothesis refuted on re-run is a fix (marked from the verdict below), not a negative result.
      if (report.judgement.status === "refuted" && h.status !== "confirmed") recordNegative(ctx, report);
      if (report.runs.exploration.provenance.targetCommit)
        commits.set(report.explored, report.runs.exploration.provenance.targetCommit);
      if (report.finding?.status === "confirmed" && report.finding.hypothesis === h.id)
        describeNewFinding(ctx, h, report);
      const f = report.finding ? ` → finding ${report.finding.id}` : "";
      summary.push(`${h.id} ${report.judgement.status} (${used} states)${f}: ${report.judgement.reason}`);
    }
    const verdicts = redo ? compareRerun(before, observed) : [];
    if (verdicts.length > 0) {
      const rerun = ctx.store.appendRerun(
        ctx.project,
        buildRerunSection({
          date: ctx.clock.today(),
          whatChanged: "hunt re-run of every confirmed hypothesis against the current project code",
          verdicts,
        }),
      );
      summary.push(
        `re-run section ${rerun.key}: ${verdicts.map((v) => `${v.finding} ${v.verdict}`).join(", ")}`,
      );
      markFixes(ctx, verdicts, { date: rerun.section.date, rerun: rerun.key, commits });
    }
    return { summary, outputs, statesExplored: states };
  };
}
