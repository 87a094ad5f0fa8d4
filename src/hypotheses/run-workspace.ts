import path from "node:path";
import { resolveCitations } from "../analysis/index.ts";
import { CtrlhuntError } from "../errors/index.ts";
import { type Citation, uniqueCitations } from "../formats/citation.ts";
import type { Finding, Hypothesis, Severity } from "../formats/records.ts";
import type { RunRecord } from "../formats/run-record.ts";
import { referenceDiffers, resolveScenario } from "../formats/workflow-resolve.ts";
import { relativeToWorkspace } from "../workspace/index.ts";
import { convergedGroups, type Judgement, judgeChecks, judgeOutcome } from "./judge/index.ts";
import { loadProjectChecks } from "./project-checks.ts";
import { PERTURBATIONS } from "./perturbations/index.ts";
import { baseScenarioOf, planHypothesisInWorkspace } from "./plan-workspace.ts";
import { type HypothesisEnv, latestReferenceRun, loadRunDumps, runAndRecord } from "./runs.ts";
import { pickScenario } from "./variant.ts";
import { readWorkflowFile } from "../scenario/index.ts";
import type { Scenario } from "../formats/workflow.ts";

export interface RunHypothesisOptions {
  timeoutMs?: number;
  /** State visits each of its runs may make (a hunt passes what is left of its budget). */
  maxStates?: number;
  /** Severity of the finding created on confirmation (default P2). */
  severity?: Severity;
  /**
   * An existing confirmed finding this hypothesis's confirmation belongs to (same mechanism, e.g. another crash
   * point of the same reconcile): its evidence is added there instead of filing a second finding that would be
   * counted twice.
   */
  sameMechanismAs?: (h: Hypothesis, j: Judgement) => string | undefined;
}

export interface RunReport {
  hypothesis: Hypothesis;
  judgement: Judgement;
  runs: { exploration: RunRecord; variantReference?: RunRecord; baseline: RunRecord };
  /** Scenario file explored (the variant, or the base when nothing is perturbed), relative to the workspace. */
  explored: string;
  finding?: Finding;
}

/** Confirmed/refuted stand only on citations that resolve in the stored dumps; otherwise the run is inconclusive. */
function checkCitations(root: string, j: Judgement): Judgement {
  if (j.status === "inconclusive") return j;
  const bad = resolveCitations(root, j.citations).flatMap((r, i) =>
    r.ok ? [] : [`${j.citations[i]?.dump}: ${r.reason}`],
  );
  if (j.citations.length > 0 && bad.length === 0) return j;
  const why = bad.length > 0 ? `citations do not resolve (${bad.join("; ")})` : "no citation backs it";
  return { status: "inconclusive", citations: [], reason: `would be ${j.status} (${j.reason}) but ${why}` };
}

/** Where the variant's own reference run lands relative to the base reference (said in the reason when it differs). */
function variantReferenceNote(
  root: string,
  variantRef: RunRecord,
  baseline: ReturnType<typeof loadRunDumps>,
  name: string,
): string {
  const own = convergedGroups(loadRunDumps(root, variantRef, name)).groups.map((g) => g.key);
  const base = new Set(convergedGroups(baseline).groups.map((g) => g.key));
  return own.some((k) => !base.has(k))
    ? `; note: the variant's own reference run ends in ${own.join(", ")}, the base reference in ${[...base].join(", ")}`
    : "";
}

/** A command to run from the workspace root: its output goes to a workspace folder named by the hypothesis. */
export function reproduction(project: string, explored: string, id: string, timeoutMs?: number): string {
  const t = timeoutMs ? ` --timeout ${Math.ceil(timeoutMs / 1000)}` : "";
  const out = `repro/${project}/${id}`;
  return `ctrlhunt explore ${project} --workspace . --inputs ${explored} --mode exploration${t} --output ${out} && ctrlhunt analyze states ${out}`;
}

/** What a hypothesis run explores: the same for a local run and a campaign's variant unit. */
export interface HypothesisTarget {
  hypothesis: Hypothesis;
  base: { file: string; scenario: Scenario };
  /** Scenario file explored (the variant, or the base when nothing is perturbed), relative to the workspace. */
  explored: string;
  exploredScenario: Scenario;
  /** The variant changes tuning, so its own reference run is compared too. */
  perturbs: boolean;
  /**
   * The variant's reference run is a different search from its exploration (false for a Monte Carlo sample,
   * which a reference keeps: running it twice would only repeat the exploration).
   */
  ownReference: boolean;
}

/** The runs a hypothesis is judged from; a campaign's collect records the last two from its shards. */
export interface HypothesisRuns {
  baseline: RunRecord;
  exploration: RunRecord;
  variantReference?: RunRecord;
}

/** The target of a hypothesis as its record stands (latest variant); no planning. */
export function hypothesisTarget(root: string, h: Hypothesis): HypothesisTarget {
  const perturbs = PERTURBATIONS[h.type].perturbs;
  const base = baseScenarioOf(root, h);
  const variant = h.variants.at(-1);
  if (perturbs && variant === undefined)
    throw new CtrlhuntError(
      "CTRLHUNT_PREFLIGHT_FAILED",
      `hypothesis ${h.id} has no variant (run \`ctrlhunt hypothesis plan\` first)`,
    );
  const explored = perturbs ? (variant as string) : relativeToWorkspace(root, base.file);
  const exploredScenario = perturbs
    ? pickScenario(readWorkflowFile(path.resolve(root, explored)), undefined, explored)
    : base.scenario;
  const ownReference = perturbs && referenceDiffers(resolveScenario(exploredScenario));
  return { hypothesis: h, base, explored, exploredScenario, perturbs, ownReference };
}

/** The target a `hypothesis run` explores: a perturbing hypothesis without a variant is planned first. */
export async function prepareHypothesisRun(
  env: HypothesisEnv,
  project: string,
  id: string,
): Promise<HypothesisTarget> {
  const h = env.store.readHypothesis(project, id);
  if (!PERTURBATIONS[h.type].perturbs || h.variants.length > 0) return hypothesisTarget(env.root, h);
  const planned = await planHypothesisInWorkspace(env, project, id);
  if (!planned.variant)
    throw new CtrlhuntError(
      "CTRLHUNT_PREFLIGHT_FAILED",
      `hypothesis ${id} has no variant and its preflight fails`,
      {
        issues: planned.plan.issues.map((i) => ({ ...i, file: h.scenario })),
      },
    );
  return hypothesisTarget(env.root, planned.hypothesis);
}

/** The reference run the outcome is compared against: the latest recorded one of the base, or a fresh one. */
export async function baselineRunOf(
  env: HypothesisEnv,
  project: string,
  base: HypothesisTarget["base"],
): Promise<RunRecord> {
  return (
    latestReferenceRun(env, project, base.file) ??
    (await runAndRecord(env, {
      project,
      scenarioFile: base.file,
      scenarioName: base.scenario.name,
      mode: "reference",
    }))
  );
}

/**
 * `hypothesis run`: explore the variant (and run its reference for comparison), judge the outcome from the dumps,
 * record runs, status and citations on the hypothesis, and file a confirmed finding when the evidence holds.
 */
export async function runHypothesisInWorkspace(
  env: HypothesisEnv,
  project: string,
  id: string,
  opts: RunHypothesisOptions = {},
): Promise<RunReport> {
  const target = await prepareHypothesisRun(env, project, id);
  const baseline = await baselineRunOf(env, project, target.base);
  const run = (mode: "exploration" | "reference") =>
    runAndRecord(env, {
      project,
      scenarioFile: path.resolve(env.root, target.explored),
      scenarioName: target.exploredScenario.name,
      mode,
      timeoutMs: opts.timeoutMs,
      maxStates: opts.maxStates,
    });
  const exploration = await run("exploration");
  const variantReference = target.ownReference ? await run("reference") : undefined;
  return judgeHypothesisRuns(env, project, target, { baseline, exploration, variantReference }, opts);
}

/**
 * Judge a hypothesis from its recorded runs and record the verdict (status, citations, finding or observation).
 * The one judging path: a local `hypothesis run` and a collected campaign both end here.
 */
export async function judgeHypothesisRuns(
  env: HypothesisEnv,
  project: string,
  target: HypothesisTarget,
  runs: HypothesisRuns,
  opts: RunHypothesisOptions = {},
): Promise<RunReport> {
  const { hypothesis: h, base, explored, exploredScenario } = target;
  const { baseline, exploration, variantReference } = runs;
  const id = h.id;
  const row = PERTURBATIONS[h.type];
  const scenarioName = exploredScenario.name;
  const baselineDumps = loadRunDumps(env.root, baseline, base.scenario.name);
  let judgement = checkCitations(
    env.root,
    judgeOutcome({
      hypothesis: h,
      confirmedBy: row.confirmedBy,
      exploration: loadRunDumps(env.root, exploration, scenarioName),
      baseline: baselineDumps,
      run: {
        status: exploration.status,
        // A partial run says why (a state cap or a deadline), so an inconclusive verdict can say it too.
        error:
          exploration.error ?? (exploration.status === "partial" ? exploration.warnings?.[0] : undefined),
      },
      checks: judgeChecks(await loadProjectChecks(env.root, project)),
      intervals: exploredScenario.tuning?.stalenessIntervals ?? [],
    }),
  );
  if (variantReference)
    judgement = {
      ...judgement,
      reason:
        judgement.reason + variantReferenceNote(env.root, variantReference, baselineDumps, scenarioName),
    };
  const runIds = [baseline.runId, exploration.runId, ...(variantReference ? [variantReference.runId] : [])];
  let finding: Finding | undefined;
  const existing = judgement.status === "confirmed" ? opts.sameMechanismAs?.(h, judgement) : undefined;
  if (existing !== undefined) {
    finding = env.store.updateFinding(project, existing, (f) => ({
      ...f,
      dimensions: [...new Set([...f.dimensions, row.dimension])],
      citations: uniqueCitations([...f.citations, ...judgement.citations]),
      runs: [...new Set([...f.runs, ...runIds])],
      baselineHashes: [...new Set([...f.baselineHashes, ...baselineHashesOf(judgement.citations)])].sort(),
      summary: `${f.summary ?? f.title}\n\nAlso confirmed by ${h.id} (${h.claim}): ${judgement.reason}`,
    }));
    finding = env.store.keepEvidence(project, finding.id);
  } else if (judgement.status === "confirmed") {
    finding = env.store.addFinding(project, {
      title: h.claim,
      severity: opts.severity ?? "P2",
      status: "confirmed",
      dimensions: [row.dimension],
      hitRate: judgement.hitRate,
      citations: judgement.citations,
      scenario: h.scenario ?? relativeToWorkspace(env.root, base.file),
      ...(row.perturbs ? { variant: explored } : {}),
      hypothesis: h.id,
      summary: `${h.claim} — confirmed by ${judgement.evidence}: ${judgement.reason}`,
      ...(judgement.symptom ? { symptom: judgement.symptom } : {}),
      reproduction: reproduction(project, explored, h.id, opts.timeoutMs),
      runs: runIds,
      baselineHashes: baselineHashesOf(judgement.citations),
    });
    // Keep the cited dumps (gzip) beside the finding, so it stays backed when run folders are cleaned.
    finding = env.store.keepEvidence(project, finding.id);
  }
  if (!finding && judgement.observation)
    finding = recordObservation(env, project, h, judgement, {
      scenario: h.scenario ?? relativeToWorkspace(env.root, base.file),
      explored: row.perturbs ? explored : undefined,
      dimension: row.dimension,
      runIds,
      reproduction: reproduction(project, explored, h.id, opts.timeoutMs),
    });
  const updated = env.store.updateHypothesis(project, id, (x) => ({
    ...x,
    status: judgement.status,
    reason: judgement.reason,
    citations: judgement.citations,
    runs: [...new Set([...x.runs, ...runIds])],
    ...(finding ? { finding: finding.id } : {}),
  }));
  return {
    hypothesis: updated,
    judgement,
    runs: { exploration, variantReference, baseline },
    explored,
    finding,
  };
}

/**
 * Something the evidence showed that is not a bug (allowed nondeterminism, a crash nobody restarted): an
 * `observation` finding, one per hypothesis, so the report shows it next to the refuted or inconclusive verdict.
 */
function recordObservation(
  env: HypothesisEnv,
  project: string,
  h: Hypothesis,
  j: Judgement,
  at: {
    scenario: string;
    explored?: string;
    dimension: Finding["dimensions"][number];
    runIds: string[];
    reproduction: string;
  },
): Finding | undefined {
  const o = j.observation;
  if (!o || resolveCitations(env.root, o.citations).some((r) => !r.ok)) return undefined;
  const existing = env.store
    .listFindings(project)
    .find((f) => f.status === "observation" && f.hypothesis === h.id);
  const fields = {
    citations: o.citations,
    summary: `Observed while testing ${h.id} (${h.claim}): ${o.reason}`,
    whyNotABug: o.reason,
    runs: at.runIds,
    ...(o.symptom ? { symptom: o.symptom } : {}),
  };
  if (existing) return env.store.updateFinding(project, existing.id, (f) => ({ ...f, ...fields }));
  return env.store.addFinding(project, {
    title: `Observation (not a bug): ${h.claim}`,
    severity: "P3",
    status: "observation",
    dimensions: [at.dimension],
    scenario: at.scenario,
    ...(at.explored ? { variant: at.explored } : {}),
    hypothesis: h.id,
    reproduction: at.reproduction,
    ...fields,
  });
}

/**
 * The bad outcomes a finding's citations show, pinned for re-run comparison: a re-run still reproduces while it
 * reaches them. The reference's expected outcome is cited for contrast only and never pinned.
 */
export function baselineHashesOf(citations: readonly Citation[]): string[] {
  const bad = citations.filter((c) => !c.note?.startsWith("expected"));
  return [...new Set(bad.map((c) => c.contentsHash).filter((h) => h !== ""))].sort();
}
