import { formatIssue, type Issue } from "../errors/index.ts";
import { type Finding, SEVERITY_RUBRIC } from "../formats/records.ts";
import { countedStatus } from "./counts.ts";

/** Plain-text views for the CLI (records stay the truth; this is only how a terminal shows them). */

const hit = (f: Finding) => (f.hitRate ? `${f.hitRate.k}/${f.hitRate.n}` : "-");

export function formatFindingList(findings: readonly Finding[]): string {
  if (findings.length === 0) return "no findings\n";
  const rows = findings.map((f) => [
    f.id,
    f.severity,
    countedStatus(f),
    hit(f),
    f.title.replace(/\s+/g, " "),
  ]);
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i].length)));
  return `${rows.map((r) => r.map((c, i) => (i < 4 ? c.padEnd(widths[i]) : c)).join("  ")).join("\n")}\n`;
}

export function formatFinding(f: Finding): string {
  const lines = [
    `${f.id}: ${f.title} — ${f.status.toUpperCase()}`,
    `severity:     ${f.severity} (${SEVERITY_RUBRIC[f.severity]})`,
    `dimensions:   ${f.dimensions.join(", ") || "-"}`,
    `hit rate:     ${hit(f)}`,
    `scenario:     ${f.scenario}${f.variant ? ` (variant ${f.variant})` : ""}`,
    ...(f.hypothesis ? [`hypothesis:   ${f.hypothesis}`] : []),
    ...(f.runs.length ? [`runs:         ${f.runs.join(", ")}`] : []),
    `citations:    ${f.citations.length}`,
    ...f.citations.map(
      (c, i) =>
        `  [C${i + 1}] ${c.dump} ${c.stateId} path ${c.pathIndex} step ${c.stepIndex} ${c.controllerId || "-"} ${c.contentsHash}`,
    ),
    ...(f.retraction ? [`retracted:    ${f.retraction.date}: ${f.retraction.reason}`] : []),
    ...(f.fixedIn
      ? [
          `fixed:        re-run ${f.fixedIn.rerun ?? f.fixedIn.date}${f.fixedIn.commit ? ` at ${f.fixedIn.commit}` : ""}`,
        ]
      : []),
    `reproduction: ${f.reproduction}`,
  ];
  return `${lines.join("\n")}\n`;
}

/** Lint output: one `file:path: message` line per issue, then a count line. */
export function formatLintReport(
  issues: readonly Issue[],
  checked: { projects: number; findings: number; hypotheses: number },
): string {
  const errors = issues.filter((i) => i.severity !== "warning").length;
  const warnings = issues.length - errors;
  const summary =
    issues.length === 0
      ? `evidence lint: ok (${checked.projects} project(s), ${checked.findings} finding(s), ${checked.hypotheses} hypothesis record(s))`
      : `evidence lint: ${errors} error(s), ${warnings} warning(s)`;
  return `${[...issues.map(formatIssue), summary].join("\n")}\n`;
}
