import type { Issue } from "../errors/index.ts";
import type { Finding } from "../formats/records.ts";
import { formatDistribution, isCountedBug, parseDistribution, severityCounts, totalOf } from "./counts.ts";

/** One row of BUG-FINDINGS.md's overview table, as written. */
export interface OverviewRow {
  line: number;
  project: string;
  count: string;
  distribution: string;
}

function cells(line: string): string[] {
  return line
    .trim()
    .replace(/^\||\|$/g, "")
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());
}

const unbold = (s: string) => s.replace(/^\*\*(.*)\*\*$/, "$1").replace(/\\(.)/g, "$1");

/** Rows of the table under `## Overview` (Project | Confirmed Bugs | Severity Distribution | Status). */
export function parseOverview(text: string): OverviewRow[] {
  const lines = text.split("\n");
  const start = lines.findIndex((l) => /^##\s+Overview\s*$/.test(l));
  if (start < 0) return [];
  const rows: OverviewRow[] = [];
  let inTable = false;
  for (let i = start + 1; i < lines.length && !/^##\s/.test(lines[i]); i++) {
    const l = lines[i];
    if (!l.trim().startsWith("|")) {
      if (inTable) break;
      continue;
    }
    inTable = true;
    const c = cells(l);
    if (/^project$/i.test(c[0]) || /^:?-+:?$/.test(c[0])) continue;
    rows.push({ line: i + 1, project: unbold(c[0]), count: unbold(c[1] ?? ""), distribution: c[2] ?? "" });
  }
  return rows;
}

/** IDs in the first column of the table of `## <project> (…)`, to catch uncounted findings still listed. */
export function listedIds(text: string, project: string): Array<{ id: string; line: number }> {
  const lines = text.split("\n");
  const plain = (l: string) => l.replace(/\\(.)/g, "$1");
  const head = lines.findIndex((l) => plain(l).startsWith(`## ${project} (`) || plain(l) === `## ${project}`);
  if (head < 0) return [];
  const out: Array<{ id: string; line: number }> = [];
  for (let i = head + 1; i < lines.length && !/^##\s/.test(lines[i]); i++) {
    const c = lines[i].trim().startsWith("|") ? cells(lines[i]) : [];
    if (c.length > 1 && /^[A-Za-z][\w-]*\d[\w-]*$/.test(unbold(c[0])))
      out.push({ id: unbold(c[0]), line: i + 1 });
  }
  return out;
}

/** Does the rendered rollup agree with the records? (counts per severity, totals, uncounted findings). */
export function checkRollup(
  rollupFile: string,
  text: string,
  projects: ReadonlyArray<{ project: string; findings: readonly Finding[] }>,
): Issue[] {
  const issues: Issue[] = [];
  const rows = new Map(parseOverview(text).map((r) => [r.project, r]));
  const err = (line: number | string, message: string) =>
    issues.push({ file: rollupFile, path: String(line), message, severity: "error" });
  for (const { project, findings } of projects) {
    const counts = severityCounts(findings);
    const row = rows.get(project);
    const want = `${totalOf(counts)} (${formatDistribution(counts)})`;
    if (!row) {
      if (totalOf(counts) > 0)
        err(1, `overview has no row for ${project}; records say ${want}; run ctrlhunt rollup`);
    } else {
      const said = parseDistribution(row.distribution);
      const sameDist = said && formatDistribution(said) === formatDistribution(counts);
      if (Number(row.count) !== totalOf(counts) || !sameDist) {
        err(
          row.line,
          `${project}: rollup says ${row.count} (${row.distribution}) but records say ${want}; run ctrlhunt rollup`,
        );
      }
    }
    const byId = new Map(findings.map((f) => [f.id, f]));
    for (const { id, line } of listedIds(text, project)) {
      const f = byId.get(id);
      if (f && !isCountedBug(f)) err(line, `${project} ${id} is ${f.status} but the rollup still lists it`);
      if (!f) err(line, `${project} ${id} is listed but has no finding record`);
    }
  }
  return issues;
}
