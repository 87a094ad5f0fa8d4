import path from "node:path";
import { citeTerminal, outcomeOf, statesOf } from "../../analysis/index.ts";
import { type EvidenceStore, proposeInvariantRecords } from "../../evidence/index.ts";
import type { Citation } from "../../formats/citation.ts";
import type { InvariantRecord } from "../../formats/invariant-record.ts";
import type { RunRecord } from "../../formats/run-record.ts";
import { loadRunDumps } from "../../hypotheses/index.ts";
import { proposeInvariants, type TerminalView, terminalView } from "../../invariants/index.ts";
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

/**
 * `invariant propose`: generic heuristics over the converged reference terminal states (and the surface map's
 * ownership), recorded as `proposed` invariants citing the states they held in. Existing rules are not re-proposed.
 */
export function proposeInvariantsInWorkspace(o: {
  root: string;
  project: string;
  store: EvidenceStore;
  clock: Clock;
}): ProposeResult {
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
