import type { Issue } from "../errors/index.ts";
import { stableStringify } from "../formats/json-text.ts";
import type { Finding, Hypothesis } from "../formats/records.ts";
import type { Located, ProjectRecords } from "./load.ts";

/**
 * The same hypothesis or the same bug recorded twice (two writers racing, a hand copy): every count built on the
 * records would double. Each later copy is reported against the first.
 */

/**
 * Same type, targets and parameters against the same scenario: the same experiment. Without parameters the claim
 * is what defines it (hand-written hypotheses of one type and target are different questions).
 */
function hypothesisKey(h: Hypothesis): string {
  const params = h.parameters && Object.keys(h.parameters).length > 0 ? h.parameters : { claim: h.claim };
  return stableStringify([h.type, h.targets, params, h.scenario ?? "", h.scenarioName ?? ""]);
}

/** The terminal group a finding's divergent citation names (as the judge writes it). */
function divergentGroup(f: Finding): string | undefined {
  for (const c of f.citations) {
    const m = /divergent outcome: terminal (?:group|state) (\S+)/.exec(c.note ?? "");
    if (m) return m[1];
  }
  // A violated invariant names the bad outcome by the rule it breaks.
  if (f.symptom?.kind === "invariant" && f.symptom.invariants.length > 0)
    return `invariant:${[...f.symptom.invariants].sort().join(",")}`;
  return undefined;
}

function repeats<T>(items: readonly Located<T>[], keyOf: (r: T) => string | undefined) {
  const first = new Map<string, Located<T>>();
  const out: Array<{ later: Located<T>; first: Located<T> }> = [];
  for (const it of items) {
    const k = keyOf(it.record);
    if (k === undefined) continue;
    const seen = first.get(k);
    if (seen) out.push({ later: it, first: seen });
    else first.set(k, it);
  }
  return out;
}

export function duplicateIssues(pr: ProjectRecords): Issue[] {
  const hypotheses = new Map(pr.hypotheses.map((h) => [h.record.id, h.record]));
  const issues: Issue[] = [];
  for (const { later, first } of repeats(pr.hypotheses, hypothesisKey))
    issues.push({
      file: later.file,
      path: "",
      message: `duplicate of ${first.record.id}: same type, targets, parameters and scenario`,
      severity: "error",
    });
  const findingKey = (f: Finding) => {
    const h = f.hypothesis ? hypotheses.get(f.hypothesis) : undefined;
    const group = divergentGroup(f);
    if (f.status !== "confirmed" || !h || !group) return undefined;
    return stableStringify([h.type, h.targets, f.scenario, group]);
  };
  for (const { later, first } of repeats(pr.findings, findingKey))
    issues.push({
      file: later.file,
      path: "",
      message: `duplicate of ${first.record.id}: same hypothesis type, targets and divergent outcome group (one bug counted twice)`,
      severity: "error",
    });
  return issues;
}
