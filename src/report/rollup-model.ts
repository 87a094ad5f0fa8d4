import { formatDistribution, isCountedBug, severityCounts, totalOf } from "../evidence/index.ts";
import type { Finding, Hypothesis } from "../formats/records.ts";
import type { RunRecord } from "../formats/run-record.ts";
import { hitRateText, perturbationText } from "./labels.ts";

/** One project's records as the rollup needs them. */
export interface RollupProjectInput {
  name: string;
  upstream?: string;
  controllers: readonly string[];
  /** Base scenario files (workspace-relative). */
  scenarios: readonly string[];
  findings: readonly Finding[];
  hypotheses: readonly Hypothesis[];
  runs: readonly RunRecord[];
}

function statusText(p: RollupProjectInput, bugs: number): string {
  const explored = new Set(p.runs.map((r) => r.scenarioFile)).size;
  const scope = `${explored} scenario file${explored === 1 ? "" : "s"}, ${p.runs.length} run${p.runs.length === 1 ? "" : "s"}`;
  if (p.runs.length === 0) return "Not yet explored";
  return bugs === 0 ? `Analyzed, no bugs found (${scope})` : `Explored (${scope})`;
}

const base = (f: string) => f.split("/").pop() ?? f;

/** Base scenarios (with their variants) that were run and back no counted bug. */
function cleanScenarios(p: RollupProjectInput): string[] {
  const stem = (f: string) => base(f).replace(/(-hypothesis-\d+)?\.json$/, "");
  const buggy = new Set(
    p.findings
      .filter(isCountedBug)
      .flatMap((f) => [stem(f.scenario), ...(f.variant ? [stem(f.variant)] : [])]),
  );
  const ran = new Set(p.runs.map((r) => stem(r.scenarioFile)));
  return p.scenarios
    .map(base)
    .filter((s) => ran.has(stem(s)) && !buggy.has(stem(s)))
    .sort();
}

export type RollupModel = ReturnType<typeof buildRollupModel>;

/** BUG-FINDINGS.md (workflow §3.2): every number computed from the per-project records. */
export function buildRollupModel(projects: readonly RollupProjectInput[]) {
  const rows = projects.map((p) => {
    const counts = severityCounts(p.findings);
    const bugs = totalOf(counts);
    const decided = p.hypotheses.filter((h) => h.status !== "unverified");
    return {
      name: p.name,
      bugs,
      distribution: formatDistribution(counts),
      status: statusText(p, bugs),
      upstream: p.upstream,
      controllers: p.controllers.join(", "),
      analysis: `evidence/${p.name}/ANALYSIS.md`,
      table: p.findings.filter(isCountedBug).map((f) => ({
        id: f.id,
        description: hitRateText(f.hitRate, f.dimensions)
          ? `${f.title} (${hitRateText(f.hitRate, f.dimensions)})`
          : f.title,
        severity: f.severity,
        perturbation: perturbationText(f.dimensions),
      })),
      clean: cleanScenarios(p),
      scope: `${p.runs.length} run(s); ${p.hypotheses.length} hypothesis record(s), ${decided.length} decided; ${p.findings.length - bugs} finding record(s) not counted (negative, observation, retracted or false positive)`,
      explored: p.runs.length > 0,
    };
  });
  const withBugs = rows.filter((r) => r.bugs > 0).length;
  const clean = rows.filter((r) => r.explored && r.bugs === 0).length;
  return {
    projects: rows,
    total: rows.reduce((n, r) => n + r.bugs, 0),
    projectsWithBugs: withBugs,
    clean,
    totalDistribution: formatDistribution(severityCounts(projects.flatMap((p) => p.findings))),
  };
}
