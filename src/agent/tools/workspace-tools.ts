import path from "node:path";
import { z } from "zod";
import { CtrlhuntError } from "../../errors/index.ts";
import { lintWorkspace, listInvariantRecords } from "../../evidence/index.ts";
import { FindingStatus } from "../../formats/records.ts";
import { InvariantRule, InvariantStatus } from "../../formats/invariant-record.ts";
import { runHunt } from "../../phases/hunt/index.ts";
import { addInvariantProposal, proposeInvariantsInWorkspace } from "../../phases/invariants/index.ts";
import { PhaseName } from "../../phases/registry.ts";
import { writeProjectReport, writeRollupReport } from "../../report/index.ts";
import { lintWorkflowFiles, validateWorkflowFiles } from "../../scenario/index.ts";
import { projectPaths, relativeToWorkspace } from "../../workspace/index.ts";
import { hypothesisEnv } from "./engine-env.ts";
import { defineTool, type ToolEnv } from "./tool.ts";

/** Scenario files to check: workspace-relative paths (default: the project's scenarios folder), never outside. */
function scenarioArgs(files: string[] | undefined, env: ToolEnv): string[] {
  const dir = relativeToWorkspace(env.root, projectPaths(env.root, env.project).scenarios);
  return (files?.length ? files : [dir]).map((f) => {
    const rel = path.relative(env.root, path.resolve(env.root, f));
    if (rel.startsWith("..") || path.isAbsolute(rel))
      throw new CtrlhuntError("CTRLHUNT_USAGE", `${f} is outside the workspace`);
    return rel;
  });
}

const ScenarioFiles = z
  .array(z.string())
  .optional()
  .describe(
    "workflow files or folders, relative to the workspace root (default: the project's scenarios folder)",
  );

export const validateScenariosTool = defineTool({
  name: "validate_scenarios",
  description:
    "Check workflow (scenario) files against kamera's input schema: one problem per file and JSON path.",
  input: z.strictObject({ files: ScenarioFiles }),
  run: async (input, env) => validateWorkflowFiles(scenarioArgs(input.files, env), env.root),
});

export const lintScenariosTool = defineTool({
  name: "lint_scenarios",
  description:
    "Semantic checks of scenario files against the project's controllers: canonical kinds, action indexes, registered reconcilers, stale kinds that are read, depth ranges.",
  input: z.strictObject({ files: ScenarioFiles }),
  run: async (input, env) =>
    lintWorkflowFiles(scenarioArgs(input.files, env), {
      cwd: env.root,
      project: env.project,
      workspace: env.root,
    }),
});

export const listFindingsTool = defineTool({
  name: "list_findings",
  description: "The project's findings (id, title, status, severity, dimensions, hit rate, scenario).",
  input: z.strictObject({ status: FindingStatus.optional() }),
  run: async (input, env) =>
    env.store
      .listFindings(env.project)
      .filter((f) => !input.status || f.status === input.status)
      .map((f) => ({
        id: f.id,
        title: f.title,
        status: f.status,
        severity: f.severity,
        dimensions: f.dimensions,
        hitRate: f.hitRate,
        scenario: f.scenario,
      })),
});

export const showFindingTool = defineTool({
  name: "show_finding",
  description: "One finding record in full: citations, summary, mechanism, impact, fix, reproduction.",
  input: z.strictObject({ id: z.string().describe("finding id, e.g. F1") }),
  run: async (input, env) => env.store.readFinding(env.project, input.id),
});

export const renderReportTool = defineTool({
  name: "render_report",
  description:
    "Render evidence/<project>/ANALYSIS.md from the records (the evidence lint runs first and refuses unbacked claims).",
  input: z.strictObject({}),
  run: async (_input, env) => {
    const doc = await writeProjectReport(env.root, env.project);
    return { file: relativeToWorkspace(env.root, doc.file), warnings: doc.warnings };
  },
});

export const renderRollupTool = defineTool({
  name: "render_rollup",
  description:
    "Render evidence/BUG-FINDINGS.md across every project of the workspace (counts computed from records).",
  input: z.strictObject({}),
  run: async (_input, env) => {
    const doc = await writeRollupReport(env.root);
    return { file: relativeToWorkspace(env.root, doc.file), warnings: doc.warnings };
  },
});

export const lintEvidenceTool = defineTool({
  name: "lint_evidence",
  description:
    "Check the project's evidence: confirmed claims cite resolving dumps, code analysis is labelled, hypotheses have a status and reason.",
  input: z.strictObject({}),
  run: async (_input, env) => {
    const report = lintWorkspace(env.root, { project: env.project, checkRollup: false });
    return { ok: report.issues.every((i) => i.severity === "warning"), issues: report.issues };
  },
});

export const listInvariantsTool = defineTool({
  name: "list_invariants",
  description:
    "Invariants recorded for the project (proposed, accepted, rejected) with their declarative rule. Only a person accepts one (ctrlhunt invariant accept); only accepted ones judge.",
  input: z.strictObject({ status: InvariantStatus.optional() }),
  run: async (input, env) =>
    listInvariantRecords(env.root, env.project).filter((r) => !input.status || r.status === input.status),
});

export const proposeInvariantsTool = defineTool({
  name: "propose_invariants",
  description:
    "Propose invariants from the converged reference terminal states and the surface map (generic heuristics); they are recorded as proposed, for a person to accept or reject.",
  input: z.strictObject({}),
  run: async (_input, env) => {
    const res = proposeInvariantsInWorkspace({
      root: env.root,
      project: env.project,
      store: env.store,
      clock: env.store.clock,
    });
    return {
      states: res.states,
      added: res.added.map((r) => ({ id: r.id, name: r.name, source: r.source })),
    };
  },
});

export const addInvariantTool = defineTool({
  name: "add_invariant",
  description:
    "Propose one invariant you derived (e.g. from the controller source) in the declarative form: exists-iff-owner-exists, field-compare, field-equals, child-count, condition-aggregate, no-deletion-timestamp. It is recorded as proposed only if it holds in every converged reference state; a person accepts or rejects it.",
  input: z.strictObject({
    rule: InvariantRule,
    name: z.string().min(5).optional().describe("short name (default: the rule in words)"),
    rationale: z.string().min(10).describe("why it must hold, citing the source (file:line) it comes from"),
  }),
  run: async (input, env) => {
    const r = addInvariantProposal(
      { root: env.root, project: env.project, store: env.store, clock: env.store.clock },
      {
        rule: input.rule,
        rationale: input.rationale,
        source: "agent",
        ...(input.name ? { name: input.name } : {}),
      },
    );
    return r
      ? { id: r.id, name: r.name, status: r.status }
      : { unchanged: true, why: "this rule is already on file" };
  },
});

export const huntTool = defineTool({
  name: "hunt",
  description:
    "Run the offline investigation end to end (map → author → explore → analyze → report → hypothesize → rerun → rollup), resuming finished phases; long: reports progress and stops when cancelled.",
  input: z.strictObject({
    from: PhaseName.optional().describe("repeat this phase and every later one"),
    budgetStates: z.number().int().positive().optional().describe("stop exploring after this many states"),
  }),
  run: async (input, env) => {
    const engines = hypothesisEnv(env).engineFor;
    const summary = await runHunt({
      root: env.root,
      project: env.project,
      ...(input.from ? { from: input.from } : {}),
      ...(input.budgetStates ? { budget: { states: input.budgetStates } } : {}),
      clock: env.store.clock,
      ...(engines ? { engineFor: engines } : {}),
      ...(env.signal ? { signal: env.signal } : {}),
      ...(env.runTimeoutMs ? { timeoutMs: env.runTimeoutMs } : {}),
      onEvent: (e) => {
        if (e.type === "phase-start") env.progress?.(`phase ${e.phase} started`);
        if (e.type === "step") env.progress?.(`${e.phase}: ${e.message}`);
        if (e.type === "phase-end") env.progress?.(`phase ${e.phase} ${e.record.status}`);
      },
    });
    return summary;
  },
});
