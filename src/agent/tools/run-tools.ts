import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { CtrlhuntError } from "../../errors/index.ts";
import { Severity } from "../../formats/records.ts";
import { RunMode } from "../../formats/run-record.ts";
import { parseWorkflowText } from "../../formats/workflow-io.ts";
import { planHypothesisInWorkspace, runAndRecord, runHypothesisInWorkspace } from "../../hypotheses/index.ts";
import { projectPaths } from "../../workspace/index.ts";
import { hypothesisEnv } from "./engine-env.ts";
import { defineTool } from "./tool.ts";

export const runScenarioTool = defineTool({
  name: "run_scenario",
  description:
    "Run one scenario through the project's engine (reference = perturbations stripped, exploration = tuning as written, closed-loop = reference then generated perturbation phases) and record the run (R<n>) with its dumps and metrics.",
  input: z.strictObject({
    file: z
      .string()
      .describe("scenario file, relative to the workspace root or to the project's scenarios folder"),
    scenario: z.string().optional().describe("scenario name inside the file (default: the first)"),
    mode: RunMode.default("exploration"),
    timeoutSeconds: z.number().int().min(1).max(1800).optional(),
  }),
  run: async (input, env) => {
    const candidates = [
      path.resolve(env.root, input.file),
      path.resolve(projectPaths(env.root, env.project).scenarios, input.file),
    ];
    const file = candidates.find((f) => fs.existsSync(f));
    if (!file) throw new CtrlhuntError("CTRLHUNT_NOT_FOUND", `scenario file ${input.file} does not exist`);
    const names = parseWorkflowText(fs.readFileSync(file, "utf8"), input.file).map((s) => s.name);
    const scenarioName = input.scenario ?? names[0];
    if (!names.includes(scenarioName))
      throw new CtrlhuntError(
        "CTRLHUNT_NOT_FOUND",
        `no scenario "${scenarioName}" in ${input.file}; it has: ${names.join(", ")}`,
      );
    const run = await runAndRecord(hypothesisEnv(env), {
      project: env.project,
      scenarioFile: file,
      scenarioName,
      mode: input.mode,
      timeoutMs: input.timeoutSeconds ? input.timeoutSeconds * 1000 : env.runTimeoutMs,
    });
    return { runId: run.runId, status: run.status, error: run.error, metrics: run.metrics, dumps: run.dumps };
  },
});

export const planHypothesisTool = defineTool({
  name: "plan_hypothesis",
  description:
    "Classify a hypothesis into a perturbation, calibrate it from the reference run, run the pre-flight checks and (when they pass) write the <scenario>-hypothesis-<N>.json variant. Failed checks say what to change.",
  input: z.strictObject({ id: z.string().describe("hypothesis id, e.g. H2") }),
  run: async (input, env) => planHypothesisInWorkspace(hypothesisEnv(env), env.project, input.id),
});

export const runHypothesisTool = defineTool({
  name: "run_hypothesis",
  description:
    "Run a planned hypothesis's variant (and baselines), judge it from evidence (confirmed needs a resolving citation of divergence, an error or a violated predicate) and update its record; a confirmation creates a finding.",
  input: z.strictObject({
    id: z.string(),
    severity: Severity.optional().describe("severity if confirmed (default P2)"),
  }),
  run: async (input, env) =>
    runHypothesisInWorkspace(hypothesisEnv(env), env.project, input.id, {
      ...(input.severity ? { severity: input.severity } : {}),
      ...(env.runTimeoutMs ? { timeoutMs: env.runTimeoutMs } : {}),
    }),
});
