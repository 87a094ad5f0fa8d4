import { formatDistribution, isCountedBug, severityCounts, totalOf } from "../evidence/index.ts";
import type { Finding, Hypothesis, RerunSection } from "../formats/records.ts";
import type { RunRecord } from "../formats/run-record.ts";
import type { Tuning } from "../formats/workflow.ts";
import { artifactRows, type ScenarioFacts } from "./artifacts.ts";
import { coverageMatrix, tuningDimensions } from "./coverage.ts";
import { type DumpFacts, findingView, hypothesisView } from "./finding-view.ts";
import { hitRateText, statusText } from "./labels.ts";
import { metricsRows, reconcileErrorRows } from "./metrics-view.ts";
import { rerunView } from "./rerun-view.ts";
import { surfaceView } from "./surface-view.ts";

export interface ProjectInfo {
  name: string;
  kind: "embedded" | "kamera" | "unknown";
  upstream?: string;
  description?: string;
  controllers: string[];
}

/** Everything ANALYSIS.md is made of, already read from disk (inputs.ts); building the model is pure. */
export interface AnalysisInputs {
  info: ProjectInfo;
  surfaceMap?: unknown;
  findings: readonly Finding[];
  hypotheses: readonly Hypothesis[];
  runs: readonly RunRecord[];
  /** In append order. */
  reruns: readonly RerunSection[];
  scenarios: readonly ScenarioFacts[];
  /** Tunings of every scenario file a run used, by workspace-relative file. */
  tunings: ReadonlyMap<string, ReadonlyArray<Tuning | null | undefined>>;
  facts: DumpFacts;
}

function mostCommon(values: number[]): number | undefined {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0];
}

function revision(runs: readonly RunRecord[]): string | undefined {
  const last = [...runs].reverse().find((r) => r.provenance.targetCommit || r.provenance.modelSha256);
  if (last?.provenance.targetCommit)
    return `${last.provenance.targetCommit.slice(0, 12)}${last.provenance.targetDirty ? " (dirty)" : ""} (run ${last.runId})`;
  const model = last?.provenance.modelSha256;
  return model ? `model sha256 ${model.slice(0, 12)} (run ${last?.runId})` : undefined;
}

function findingControllers(f: Finding, hypotheses: readonly Hypothesis[]): string[] {
  const h = hypotheses.find((x) => x.id === f.hypothesis);
  if (h?.targets.controllers.length) return h.targets.controllers;
  return [
    ...new Set(f.citations.map((c) => c.controllerId).filter((c) => c !== "" && c !== "External User")),
  ];
}

export type AnalysisModel = ReturnType<typeof buildAnalysisModel>;

/** The ANALYSIS.md model: sections in the spine of workflow §3.1, counts computed from the records. */
export function buildAnalysisModel(input: AnalysisInputs) {
  const surface = surfaceView(input.surfaceMap);
  const controllers = [
    ...new Set([...input.info.controllers, ...(surface?.controllers.map((c) => c.id) ?? [])]),
  ].sort();
  const views = input.findings.map((f) => findingView(f, input.hypotheses, input.facts));
  const depth = mostCommon(
    input.scenarios.flatMap((s) => s.tunings.flatMap((t) => (t?.maxDepth ? [t.maxDepth] : []))),
  );
  const counts = severityCounts(input.findings);
  return {
    project: input.info.name,
    upstream: input.info.upstream,
    description: input.info.description,
    revision: revision(input.runs),
    engine: input.info.kind,
    defaultDepth: depth === undefined ? "engine default" : String(depth),
    controllers,
    surface,
    metrics: metricsRows(input.runs),
    reconcileErrors: reconcileErrorRows(input.runs),
    findings: views.filter((_, i) => ["confirmed", "observation"].includes(input.findings[i].status)),
    negatives: views.filter((_, i) => input.findings[i].status === "negative"),
    retracted: views.filter((_, i) => ["retracted", "false-positive"].includes(input.findings[i].status)),
    hypotheses: input.hypotheses.filter((h) => !h.parentFinding).map(hypothesisView),
    reruns: rerunView(input.reruns),
    coverage: coverageMatrix({
      controllers,
      runs: input.runs.map((r) => ({
        runId: r.runId,
        // A reference run takes one ordering with no perturbation: it covers pure logic only.
        perturbed:
          r.mode === "reference"
            ? tuningDimensions(undefined)
            : (input.tunings.get(r.scenarioFile) ?? [undefined]).flatMap((t) => tuningDimensions(t)),
      })),
      hypotheses: input.hypotheses,
      findings: input.findings,
      findingControllers: new Map(input.findings.map((f) => [f.id, findingControllers(f, input.hypotheses)])),
    }),
    summary: input.findings.map((f) => ({
      id: f.id,
      description: hitRateText(f.hitRate, f.dimensions)
        ? `${f.title} (${hitRateText(f.hitRate, f.dimensions)})`
        : f.title,
      status: statusText(f),
      severity: isCountedBug(f) ? f.severity : `${f.severity} (not counted)`,
    })),
    artifacts: artifactRows(input.scenarios, input.runs, input.findings),
    confirmedCount: totalOf(counts),
    distribution: formatDistribution(counts),
  };
}
