import path from "node:path";
import { citeTerminal, outcomeOf, statesOf } from "../../analysis/index.ts";
import { type EvidenceStore, proposeInvariantRecords } from "../../evidence/index.ts";
import type { Citation } from "../../formats/citation.ts";
import { CtrlhuntError } from "../../errors/index.ts";
import type { InvariantRecord, InvariantRule } from "../../formats/invariant-record.ts";
import type { RunRecord } from "../../formats/run-record.ts";
import { loadRunDumps } from "../../hypotheses/index.ts";
import {
  compileInvariant,
  describeRule,
  proposeInvariants,
  type TerminalView,
  terminalView,
} from "../../invariants/index.ts";
import { type Clock, projectPaths, relativeToWorkspace, scenarioFiles } from "../../workspace/index.ts";
import { readSurfaceMap } from "../map/index.ts";

const MAX_CITATIONS = 3;

/** The latest successful reference run of every base scenario file (variants excluded): "what normally happens". */
function referenceRuns(root: string, project: string, store: EvidenceStore): RunRecord[] {
  const bases = new Set(
    scenarioFiles(projectPaths(root, project).scenarios).map((f) => relativeToWorkspace(root, f)),
  );
  const latest = new Map<string, RunRecord>();
  for (const r of store.listRuns(project))
    if (r.mode === "reference" && r.status !== "failed" && bases.has(r.scenarioFile))
      latest.set(r.scenarioFile, r);
  return [...latest.values()];
}

export interface ProposeResult {
  /** Converged reference terminal states the heuristics read. */
  states: number;
  proposed: number;
  added: InvariantRecord[];
}

interface WorkspaceRef {
  root: string;
  project: string;
  store: EvidenceStore;
  clock: Clock;
}

/** Converged terminal states of the latest reference runs, with a citation of each. */
function referenceStates(o: WorkspaceRef): { views: TerminalView[]; citations: Citation[] } {
  const views: TerminalView[] = [];
  const citations: Citation[] = [];
  for (const run of referenceRuns(o.root, o.project, o.store))
    for (const d of loadRunDumps(o.root, run))
      for (const s of statesOf(d.dump).filter((x) => outcomeOf(x) === "converged")) {
        views.push(terminalView(d.dump, s).view);
        citations.push(
          citeTerminal(d.id, s, 0, `held in reference run ${run.runId} (${path.basename(run.scenarioFile)})`),
        );
      }
  return { views, citations };
}

/**
 * A model's (or a person's) proposal: recorded as `proposed` only when it holds in every converged reference
 * state — a rule the expected behaviour breaks would flag the controller for doing its job.
 */
export function addInvariantProposal(
  o: WorkspaceRef,
  p: { name?: string; rule: InvariantRule; rationale: string; source: string },
): InvariantRecord | undefined {
  const { views, citations } = referenceStates(o);
  if (views.length === 0)
    throw new CtrlhuntError(
      "CTRLHUNT_USAGE",
      `no converged reference state of ${o.project} to check the rule against: run the reference first`,
    );
  const name = p.name ?? describeRule(p.rule);
  const inv = compileInvariant({ name, rule: p.rule });
  const broken = views.flatMap((v, i) => inv.check(v).map((x) => `${citations[i]?.dump}: ${x.message}`));
  if (broken.length)
    throw new CtrlhuntError("CTRLHUNT_PREFLIGHT_FAILED", `"${name}" does not hold in the reference`, {
      issues: broken
        .slice(0, 5)
        .map((where) => ({ path: "rule", message: `does not hold in the reference: ${where}` })),
    });
  const [added] = proposeInvariantRecords(
    o.root,
    o.project,
    [
      {
        name,
        rule: p.rule,
        rationale: p.rationale,
        source: p.source,
        citations: citations.slice(0, MAX_CITATIONS),
      },
    ],
    o.clock,
  );
  return added;
}

/**
 * `invariant propose`: generic heuristics over the converged reference terminal states (and the surface map's
 * ownership), recorded as `proposed` invariants citing the states they held in. Existing rules are not re-proposed.
 */
export function proposeInvariantsInWorkspace(o: WorkspaceRef): ProposeResult {
  const { views, citations } = referenceStates(o);
  const map = readSurfaceMap(o.root, o.project);
  const owns = (map?.controllers ?? []).flatMap((c) =>
    c.for ? c.owns.map((k) => [c.for as string, k] as [string, string]) : [],
  );
  const proposals = proposeInvariants({ views, owns });
  const added = proposeInvariantRecords(
    o.root,
    o.project,
    proposals.map((p) => ({
      name: p.name,
      rule: p.rule,
      rationale: p.rationale,
      source: `heuristic:${p.heuristic}`,
      citations: citations.slice(0, MAX_CITATIONS),
    })),
    o.clock,
  );
  return { states: views.length, proposed: proposals.length, added };
}
