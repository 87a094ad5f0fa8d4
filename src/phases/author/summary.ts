import type { AuthorResult } from "./run-author.ts";

/** Text summary of an author run (what `ctrlhunt author` prints). Pure. */
export function formatAuthorSummary(r: AuthorResult): string {
  const lines: string[] = [];
  const verb = r.dryRun ? "would write" : "wrote";
  for (const f of r.written) {
    lines.push(
      `${verb} ${f.file} (${f.dimension}, ${f.scenarios.length} scenario${f.scenarios.length === 1 ? "" : "s"})`,
    );
    lines.push(`  pattern: ${f.annotation.pattern}`);
    lines.push(`  window:  ${f.annotation.window}`);
  }
  if (r.written.length === 0)
    lines.push("no new scenarios: the surface map's targets are covered or could not be seeded");
  for (const s of r.skipped) lines.push(`skipped ${s.dimension} ${s.target}: ${s.reason}`);
  return lines.join("\n");
}
