import path from "node:path";
import type { Issue } from "../errors/index.ts";
import type { Citation } from "../formats/citation.ts";
import { type Finding, type Hypothesis, INFERRED_LABEL } from "../formats/records.ts";
import type { Located, ProjectRecords } from "./load.ts";
import { duplicateIssues } from "./duplicates.ts";
import { checkRollup } from "./rollup-check.ts";

/** The answer of src/analysis resolveCitation, looked up for one citation (resolved before linting). */
export type CitationResult = { ok: true } | { ok: false; reason: string };
export type CitationLookup = (c: Citation) => CitationResult;

export interface LintInput {
  records: readonly ProjectRecords[];
  resolve: CitationLookup;
  /** Does a workspace-relative file exist? (variant files named by hypotheses). */
  exists: (relFile: string) => boolean;
  /** evidence/BUG-FINDINGS.md as rendered, when it exists and should be checked. */
  rollup?: { file: string; text: string };
}

const ALT_LABEL = "*Inferred from code:*";
/** Citation references inside prose: [C1] is the finding's first citation. */
const CITE_REF = /\[C(\d+)\]/g;

/** Every claim checked against the records and traces; pure (I/O happens in check.ts). */
export function lintEvidence(input: LintInput): Issue[] {
  const issues: Issue[] = [];
  for (const pr of input.records) {
    issues.push(...pr.issues.map((i) => ({ ...i, severity: i.severity ?? ("error" as const) })));
    issues.push(...duplicateIssues(pr));
    const findingIds = new Set(pr.findings.map((f) => f.record.id));
    const hypothesisIds = new Set(pr.hypotheses.map((h) => h.record.id));
    const runIds = new Set(pr.runs.map((r) => r.record.runId));
    for (const f of pr.findings) issues.push(...lintFinding(f, input, { hypothesisIds, runIds }));
    for (const h of pr.hypotheses) issues.push(...lintHypothesis(h, input, findingIds));
    for (const r of pr.reruns) {
      r.record.verdicts.forEach((v, i) => {
        if (!findingIds.has(v.finding))
          issues.push(
            warn(r.file, `verdicts[${i}].finding`, `re-run verdict for unknown finding ${v.finding}`),
          );
      });
    }
  }
  if (input.rollup) {
    const projects = input.records.map((r) => ({
      project: r.project,
      findings: r.findings.map((f) => f.record),
    }));
    issues.push(...checkRollup(input.rollup.file, input.rollup.text, projects));
  }
  return issues;
}

const error = (file: string, p: string, message: string): Issue => ({
  file,
  path: p,
  message,
  severity: "error",
});
const warn = (file: string, p: string, message: string): Issue => ({
  file,
  path: p,
  message,
  severity: "warning",
});

function stemOf(file: string): string {
  return path.basename(file).replace(/\.(json|ya?ml)$/, "");
}

/** Confirmed claims need ≥ 1 citation that resolves in a stored dump; every bad citation is named. */
function lintCitations(
  file: string,
  citations: readonly Citation[],
  confirmed: boolean,
  input: LintInput,
): Issue[] {
  const issues: Issue[] = [];
  const report = confirmed ? error : warn;
  if (confirmed && citations.length === 0) {
    issues.push(
      error(
        file,
        "citations",
        "confirmed without trace evidence: cite a step or terminal state in a stored dump, or downgrade the status",
      ),
    );
  }
  citations.forEach((c, i) => {
    if (!c.dump.startsWith("evidence/")) {
      issues.push(
        report(
          file,
          `citations[${i}].dump`,
          `${c.dump} is not a stored dump (outside evidence/): record the run or keep the evidence (ctrlhunt finding keep)`,
        ),
      );
      return;
    }
    const r = input.resolve(c);
    if (!r.ok) issues.push(report(file, `citations[${i}]`, `does not resolve in ${c.dump}: ${r.reason}`));
  });
  return issues;
}

/** Mechanism is code analysis: each paragraph carries the inferred label or cites [Cn]. */
function lintMechanism(file: string, f: Finding): Issue[] {
  if (!f.mechanism) return [];
  const issues: Issue[] = [];
  f.mechanism.split(/\n\s*\n/).forEach((para, i) => {
    const refs = [...para.matchAll(CITE_REF)].map((m) => Number(m[1]));
    for (const n of refs) {
      if (n < 1 || n > f.citations.length)
        issues.push(
          error(
            file,
            "mechanism",
            `paragraph ${i + 1} cites [C${n}] but the finding has ${f.citations.length} citation(s)`,
          ),
        );
    }
    if (para.trim() === "" || para.includes(INFERRED_LABEL) || para.includes(ALT_LABEL) || refs.length > 0)
      return;
    issues.push(
      error(
        file,
        "mechanism",
        `paragraph ${i + 1} is code analysis without the label "${INFERRED_LABEL}": add the label or cite a trace step as [C1]…[C${Math.max(1, f.citations.length)}]`,
      ),
    );
  });
  return issues;
}

function lintFinding(
  { file, record: f }: Located<Finding>,
  input: LintInput,
  known: { hypothesisIds: Set<string>; runIds: Set<string> },
): Issue[] {
  const issues: Issue[] = [];
  if (stemOf(file) !== f.id)
    issues.push(error(file, "id", `file name says ${stemOf(file)} but the record's id is ${f.id}`));
  issues.push(...lintCitations(file, f.citations, f.status === "confirmed", input));
  issues.push(...lintMechanism(file, f));
  if (f.hitRate && f.hitRate.k > f.hitRate.n)
    issues.push(error(file, "hitRate", `hit rate ${f.hitRate.k}/${f.hitRate.n}: k cannot exceed n`));
  if (f.status === "confirmed" && f.hitRate?.k === 0)
    issues.push(error(file, "hitRate", "confirmed with a hit rate of 0: no trial shows the bug"));
  if (f.hypothesis && !known.hypothesisIds.has(f.hypothesis))
    issues.push(warn(file, "hypothesis", `names hypothesis ${f.hypothesis}, which has no record`));
  f.runs.forEach((r, i) => {
    if (!known.runIds.has(r)) issues.push(warn(file, `runs[${i}]`, `names run ${r}, which has no run.json`));
  });
  if ((f.status === "retracted" || f.status === "false-positive") && !f.retraction?.reason)
    issues.push(
      warn(file, "retraction", `${f.status} without a reason: use ctrlhunt finding retract --reason`),
    );
  return issues;
}

function lintHypothesis(
  { file, record: h }: Located<Hypothesis>,
  input: LintInput,
  findingIds: Set<string>,
): Issue[] {
  const issues: Issue[] = [];
  if (stemOf(file) !== h.id)
    issues.push(error(file, "id", `file name says ${stemOf(file)} but the record's id is ${h.id}`));
  if (h.status !== "unverified" && !h.reason?.trim() && h.citations.length === 0)
    issues.push(error(file, "reason", `status ${h.status} needs a reason or citations saying why`));
  issues.push(...lintCitations(file, h.citations, h.status === "confirmed", input));
  if (h.finding && !findingIds.has(h.finding))
    issues.push(error(file, "finding", `names finding ${h.finding}, which has no record`));
  if (h.parentFinding && !findingIds.has(h.parentFinding))
    issues.push(warn(file, "parentFinding", `names finding ${h.parentFinding}, which has no record`));
  h.variants.forEach((v, i) => {
    if (!input.exists(v)) issues.push(warn(file, `variants[${i}]`, `variant file ${v} does not exist`));
  });
  return issues;
}

export function hasErrors(issues: readonly Issue[]): boolean {
  return issues.some((i) => i.severity !== "warning");
}
