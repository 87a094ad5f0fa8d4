import type { Finding } from "../formats/records.ts";
import type { RunRecord } from "../formats/run-record.ts";
import type { Tuning } from "../formats/workflow.ts";

/** A base scenario file of the project and its hypothesis variants (workspace-relative paths). */
export interface ScenarioFacts {
  file: string;
  names: string[];
  variants: string[];
  tunings: ReadonlyArray<Tuning | null | undefined>;
}

const folderOf = (dump: string) => dump.slice(0, dump.lastIndexOf("/") + 1);

/** Artifact Index rows: scenario | workflow JSON | variants | dump folders (runs and kept evidence). */
export function artifactRows(
  scenarios: readonly ScenarioFacts[],
  runs: readonly RunRecord[],
  findings: readonly Finding[],
) {
  const claimed = new Set<string>();
  const rows = scenarios.map((s) => {
    const files = new Set([s.file, ...s.variants]);
    const mine = runs.filter((r) => files.has(r.scenarioFile));
    for (const r of mine) claimed.add(r.runId);
    const kept = findings
      .filter((f) => files.has(f.scenario) || (f.variant !== undefined && files.has(f.variant)))
      .flatMap((f) => f.citations.map((c) => folderOf(c.dump)));
    return {
      scenario: s.names.join(", ") || s.file,
      workflow: s.file,
      variants: s.variants,
      dumps: [...new Set([...mine.flatMap((r) => r.dumps.map(folderOf)), ...kept])].sort(),
    };
  });
  const other = runs.filter((r) => !claimed.has(r.runId));
  for (const file of [...new Set(other.map((r) => r.scenarioFile))].sort()) {
    const mine = other.filter((r) => r.scenarioFile === file);
    rows.push({
      scenario: "(not a base scenario of this project)",
      workflow: file,
      variants: [],
      dumps: [...new Set(mine.flatMap((r) => r.dumps.map(folderOf)))].sort(),
    });
  }
  return rows;
}
