import { type Citation, uniqueCitations } from "../formats/citation.ts";
import { type Finding, type Hypothesis, SEVERITY_RUBRIC } from "../formats/records.ts";
import { type CitedPath, divergenceDiagram } from "./mermaid.ts";
import { DIMENSION_WORD, HYPOTHESIS_WORD, hitRateText, percent, shortHash, statusText } from "./labels.ts";

/** Facts read from dumps for the finding sections (loaded at the I/O edge, see inputs.ts). */
export interface DumpFacts {
  /** Controller sequence and terminal hash of a cited path, by `pathKey`. */
  paths: ReadonlyMap<
    string,
    { controllers: string[]; marks?: Array<string | undefined>; terminalHash: string }
  >;
  /** Terminal-state histogram of a finding's runs (or cited dumps), by finding ID. */
  distributions: ReadonlyMap<string, ReadonlyArray<{ hash: string; count: number }>>;
}

export const pathKey = (c: Pick<Citation, "dump" | "stateId" | "pathIndex">) =>
  `${c.dump}\u0000${c.stateId}\u0000${c.pathIndex}`;

export interface HypothesisView {
  id: string;
  claim: string;
  type: string;
  status: string;
  reason?: string;
  toVerify?: string;
  variants: string[];
  citations: number;
}

export function hypothesisView(h: Hypothesis): HypothesisView {
  return {
    id: h.id,
    claim: h.claim,
    type: h.type,
    status: HYPOTHESIS_WORD[h.status],
    reason: h.reason,
    toVerify: h.toVerify,
    variants: h.variants,
    citations: h.citations.length,
  };
}

function citationView(c: Citation, i: number) {
  return {
    ref: `C${i + 1}`,
    dump: c.dump,
    stateId: c.stateId,
    pathIndex: c.pathIndex,
    step: c.stepIndex < 0 ? "terminal" : String(c.stepIndex),
    controllerId: c.controllerId === "" ? "—" : c.controllerId,
    hash: shortHash(c.contentsHash),
    note: c.note,
  };
}

function diagram(f: Finding, facts: DumpFacts): string | undefined {
  const seen = new Set<string>();
  const dumps = new Set(f.citations.map((c) => c.dump));
  const paths: CitedPath[] = [];
  for (const c of f.citations) {
    const p = facts.paths.get(pathKey(c));
    if (!p || seen.has(pathKey(c))) continue;
    seen.add(pathKey(c));
    const trial =
      dumps.size > 1
        ? `${c.dump
            .split("/")
            .pop()
            ?.replace(/\.jsonl?(\.gz)?(?=#|$)/, "")}: `
        : "";
    paths.push({
      terminal: `${trial}${c.stateId} · ${shortHash(p.terminalHash).slice(0, 8)}`,
      controllers: p.controllers,
      ...(p.marks ? { marks: p.marks } : {}),
    });
  }
  return paths.length ? divergenceDiagram(paths) : undefined;
}

const EVIDENCE_WORD: Record<NonNullable<Finding["symptom"]>["kind"], string> = {
  invariant: "a violated invariant",
  predicate: "a violated predicate of the hypothesis",
  error: "a failure that never heals",
  divergence: "a terminal state that differs from the reference after masking bookkeeping fields",
  cycling: "a controller that keeps writing without converging",
};

/** "a violated invariant (“…”) · objects: core/Pod default/web, …" — what the judge rested the verdict on. */
function symptomText(f: Finding): string | undefined {
  const s = f.symptom;
  if (!s) return undefined;
  const inv = s.invariants.length ? ` (${s.invariants.map((i) => `“${i}”`).join(", ")})` : "";
  const objects = s.objects
    .slice(0, 6)
    .map((o) => `${o.kind} ${o.namespace ? `${o.namespace}/` : ""}${o.name}`)
    .join(", ");
  return `${EVIDENCE_WORD[s.kind]}${inv}${objects ? ` · objects: ${objects}${s.objects.length > 6 ? ", …" : ""}` : ""}`;
}

export type FindingView = ReturnType<typeof findingView>;

/** Everything a finding section shows, computed from the record (and dump facts); no prose is invented. */
export function findingView(f: Finding, hypotheses: readonly Hypothesis[], facts: DumpFacts) {
  const dist = facts.distributions.get(f.id) ?? [];
  const total = dist.reduce((n, g) => n + g.count, 0);
  const pinned = new Set(f.baselineHashes);
  const from = hypotheses.find((h) => h.id === f.hypothesis || h.finding === f.id);
  return {
    id: f.id,
    title: f.title,
    status: statusText(f),
    confirmed: f.status === "confirmed",
    severity: f.severity,
    rubric: SEVERITY_RUBRIC[f.severity],
    dimensions: f.dimensions.map((d) => DIMENSION_WORD[d]).join(" + ") || "—",
    hitRate: hitRateText(f.hitRate, f.dimensions),
    scenario: f.scenario,
    variant: f.variant,
    date: f.createdAt.slice(0, 10),
    fromHypothesis: from?.id,
    runs: f.runs,
    summary: f.summary,
    symptom: symptomText(f),
    citations: uniqueCitations(f.citations).map(citationView),
    distribution: dist.map((g) => ({
      hash: shortHash(g.hash),
      count: g.count,
      percent: percent(g.count, total),
      pinned: pinned.has(g.hash),
    })),
    trials: total,
    diagram: f.status === "confirmed" ? diagram(f, facts) : undefined,
    mechanism: f.mechanism,
    hypotheses: hypotheses.filter((h) => h.parentFinding === f.id).map(hypothesisView),
    impact: f.impact,
    fix: f.fix,
    reproduction: f.reproduction,
    expected: f.hitRate ? `${hitRateText(f.hitRate, f.dimensions)} end in a bug state` : undefined,
    baselineHashes: f.baselineHashes.map(shortHash),
    whyNotABug: f.whyNotABug,
    retraction: f.retraction,
  };
}
