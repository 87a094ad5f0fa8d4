import fs from "node:fs";
import path from "node:path";
import type { PlannerCoverage } from "../../../formats/planner-coverage.ts";
import { parseProjectJson } from "../../../formats/project-json.ts";
import type { HypothesisType } from "../../../formats/records.ts";
import { addHypothesisToWorkspace, loadRunDumps, referenceFacts } from "../../../hypotheses/index.ts";
import { readWorkflowFile } from "../../../scenario/index.ts";
import { discoverProject } from "../../../workspace/index.ts";
import { readSurfaceMap } from "../../map/run-map.ts";
import { type Proposal, planProposals, type ReferenceView } from "../../plan/index.ts";
import type { HuntContext, PhaseStep } from "../context.ts";
import { agentPass } from "./agent-step.ts";
import { baseRuns } from "./analyze.ts";

const PLANNER = "planner:";

/** Reference facts of every base scenario that has a reference run. */
function referenceViews(ctx: HuntContext): ReferenceView[] {
  return baseRuns(ctx)
    .filter(({ run }) => run.mode === "reference")
    .flatMap(({ scenario, run }) => {
      const s = readWorkflowFile(path.resolve(ctx.root, scenario.file)).find((x) => x.name === scenario.name);
      const dumps = loadRunDumps(ctx.root, run, scenario.name);
      if (!s || dumps.length === 0) return [];
      const facts = referenceFacts(
        dumps.map((d) => ({ file: d.id, dump: d.dump })),
        s,
      );
      return [{ file: scenario.file, scenario: s, facts }];
    });
}

/** What the project's engine can run: a kamera harness may declare it (project.json `perturbations`). */
function runnableTypes(ctx: HuntContext): ReadonlySet<HypothesisType> | undefined {
  const found = discoverProject(ctx.root, ctx.project);
  if (found.kind !== "kamera") return undefined;
  const pj = parseProjectJson(fs.readFileSync(found.definitionFile, "utf8"), found.definitionFile);
  return pj.perturbations ? new Set(pj.perturbations) : undefined;
}

function record(ctx: HuntContext, p: Proposal): string {
  const h = addHypothesisToWorkspace(ctx.env, ctx.project, {
    claim: p.claim,
    type: p.type,
    controllers: p.controllers,
    kinds: p.kinds,
    scenario: p.scenario,
    scenarioName: p.scenarioName,
    ...(p.parameters ? { parameters: p.parameters } : {}),
    ...(p.predicates ? { predicates: p.predicates } : {}),
    source: `${PLANNER}${p.key}`,
  });
  ctx.store.updateHypothesis(ctx.project, h.id, (x) => ({
    ...x,
    rank: p.score,
    expectedSeverity: p.severity,
  }));
  return h.id;
}

/** Per sweep dimension: candidates proposed and those over the per-target cap. */
function sweepLines(coverage: PlannerCoverage): string[] {
  const dims = [...new Set(coverage.map((f) => f.dimension))];
  return dims.map((d) => {
    const fs = coverage.filter((f) => f.dimension === d);
    const all = fs.flatMap((f) => f.candidates);
    const proposed = all.filter((c) => c.proposed).length;
    return `sweep ${d}: ${proposed} of ${all.length} distinct candidate(s) over ${fs.length} target(s) proposed (cap ${fs[0]?.cap} per target)`;
  });
}

/**
 * Phase J (proposal half): the offline planner turns the surface map and the reference traces into ranked
 * hypotheses; proposals already on record (same key) are not added twice. With a model, the agent follows the
 * hypothesize playbook afterwards and may add its own (it can propose; only evidence confirms).
 */
export const hypothesizeStep: PhaseStep = async (ctx) => {
  const map = readSurfaceMap(ctx.root, ctx.project);
  if (!map)
    return { summary: ["no surface map: run the map phase first"], outputs: [], stopped: "no surface map" };
  const known = new Set(ctx.store.listHypotheses(ctx.project).map((h) => h.source ?? ""));
  const { proposals, coverage } = planProposals({
    map,
    references: referenceViews(ctx),
    runnable: runnableTypes(ctx),
  });
  const added = proposals.filter((p) => !known.has(`${PLANNER}${p.key}`)).map((p) => record(ctx, p));
  const summary = [
    `${proposals.length} proposal(s) from the planner, ${added.length} new hypothesis record(s)`,
    ...sweepLines(coverage),
    ...proposals.map((p) => `[${p.score}] ${p.rule}: ${p.claim}`),
  ];
  const agent = await agentPass(ctx, "hypothesize");
  if (agent) summary.push(agent.line);
  return { summary, outputs: added, coverage, ...(agent?.stopped ? { stopped: agent.stopped } : {}) };
};
