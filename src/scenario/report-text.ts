import { formatIssue } from "../errors/index.ts";
import type { ResolvedScenario } from "../formats/workflow-resolved.ts";
import type { LintReport } from "./lint/run.ts";
import type { MigrateFileResult } from "./migrate.ts";
import type { ValidationReport } from "./validate.ts";

/** Text renderings of the scenario reports: one line per problem, `file:json.path: message`, then a summary. */

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export function formatValidation(r: ValidationReport): string {
  const lines: string[] = [];
  for (const p of r.problems) lines.push(formatIssue(p));
  for (const f of r.files) {
    if (f.ok)
      lines.push(`ok ${f.file} (${plural(f.scenarios.length, "scenario")}, ${f.generations.join("+")})`);
    else for (const i of f.issues) lines.push(formatIssue(i));
  }
  const bad = r.files.filter((f) => !f.ok).length;
  const problems = r.files.reduce((n, f) => n + f.issues.length, 0) + r.problems.length;
  lines.push(
    r.ok
      ? `${plural(r.files.length, "file")} valid`
      : `${plural(r.files.length, "file")} checked: ${bad} invalid, ${plural(problems, "problem")}`,
  );
  return `${lines.join("\n")}\n`;
}

export function formatLint(r: LintReport): string {
  const lines: string[] = [];
  for (const f of r.files)
    for (const i of f.issues) lines.push(`${i.file}:${i.path}: ${i.severity}: ${i.message} [${i.rule}]`);
  for (const n of r.notes) lines.push(`note: ${n}`);
  lines.push(
    `${plural(r.files.length, "file")}: ${plural(r.errors, "error")}, ${plural(r.warnings, "warning")}`,
  );
  return `${lines.join("\n")}\n`;
}

/** Change and warning lines of a migration (the migrated JSON itself goes to stdout or a file). */
export function formatMigration(r: MigrateFileResult): string {
  const lines = [
    ...r.changes.map((c) => `${formatIssue(c)}`),
    ...r.warnings.map((w) => formatIssue({ ...w, severity: "warning" })),
  ];
  const before = r.generationsBefore.join("+");
  const what =
    r.changes.length === 0
      ? "already G2, nothing to change"
      : `${before} → G2, ${plural(r.changes.length, "change")}`;
  lines.push(r.output ? `wrote ${r.output} (${what})` : `${r.file}: ${what}`);
  return `${lines.join("\n")}\n`;
}

function perturbations(r: ResolvedScenario): string[] {
  const t = r.tuning;
  const out: string[] = [];
  if (t.permuteControllers.length > 0) {
    const when = [
      t.permuteDepthRange ? `depth ${t.permuteDepthRange.min}–${t.permuteDepthRange.max}` : "",
      t.permuteAfterEvent ? `after ${t.permuteAfterEvent.opType} ${t.permuteAfterEvent.kind}` : "",
    ].filter(Boolean);
    out.push(`ordering: ${t.permuteControllers.join(", ")}${when.length ? ` (${when.join(", ")})` : ""}`);
  }
  if (t.staleness.mode === "intervals")
    for (const iv of t.staleness.intervals)
      out.push(`stale: ${iv.reconciler} on ${iv.kind} seq [${iv.staleAt}, ${iv.catchUpAt}) lag ${iv.lag}`);
  if (t.staleness.mode === "legacy")
    for (const [rec, kinds] of Object.entries(t.staleness.staleReads))
      out.push(`stale (legacy): ${rec} on ${kinds.join(", ") || "nothing"}`);
  for (const f of t.faultInjection)
    out.push(
      `crash: ${f.reconciler} after write ${f.crashAfterEffect}${f.triggerOnce ? " (once)" : ""}${restartText(f.restartManager)}`,
    );
  return out;
}

export function formatResolved(list: ResolvedScenario[]): string {
  const lines: string[] = [];
  for (const r of list) {
    const t = r.tuning;
    const search =
      t.search.mode === "dfs"
        ? "dfs"
        : `monte_carlo seed ${t.search.seed} × ${plural(t.search.trials, "trial")}`;
    lines.push(
      `[${r.index}] ${r.name}  (${r.generation}; maxDepth ${t.maxDepth} from ${t.maxDepthFrom}; ${search})`,
    );
    lines.push(`  seed objects: ${r.objects.length}`);
    for (const a of r.actions) {
      const when = a.readyAtDepth === null ? "at convergence" : `ready at depth ${a.readyAtDepth}`;
      const conv = a.convertedFrom ? " (written CREATE)" : "";
      lines.push(
        `  action ${a.index} "${a.id}": ${a.opType}${conv} ${a.object.kind} ${a.object.metadata?.name ?? ""}, ${when}`,
      );
    }
    for (const p of perturbations(r)) lines.push(`  ${p}`);
    for (const n of r.notes) lines.push(`  note: ${n}`);
  }
  return `${lines.join("\n")}\n`;
}

function restartText(r: ResolvedScenario["tuning"]["faultInjection"][number]["restartManager"]): string {
  if (r === undefined) return "";
  return r === "quiescence" ? ", manager restart at quiescence" : `, manager restart at depth ${r.atDepth}`;
}
