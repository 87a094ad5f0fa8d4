import { z } from "zod";
import { labelInferred } from "../../evidence/index.ts";
import { Citation } from "../../formats/citation.ts";
import { Dimension, HypothesisType, Severity } from "../../formats/records.ts";
import { addHypothesisToWorkspace } from "../../hypotheses/index.ts";
import { defineTool } from "./tool.ts";

export const addHypothesisTool = defineTool({
  name: "add_hypothesis",
  description:
    "Record an unverified hypothesis (H<n>, never reused) about a scenario: the claim, its type (which perturbation tests it) and the controllers/kinds involved. Only evidence can later confirm it.",
  input: z.strictObject({
    claim: z.string().min(10),
    type: HypothesisType,
    scenario: z.string().describe("scenario file, relative to the workspace root"),
    scenarioName: z.string().optional().describe("scenario inside the file (default: the first)"),
    controllers: z.array(z.string()).optional(),
    kinds: z.array(z.string()).optional().describe("canonical group/Kind"),
  }),
  run: async (input, env) =>
    addHypothesisToWorkspace({ root: env.root, store: env.store }, env.project, {
      ...input,
      source: "agent",
    }),
});

export const draftFindingTool = defineTool({
  name: "draft_finding",
  description:
    "Draft a finding (F<n>) with status observation: title, severity, dimensions, scenario, citations and reproduction. Drafts are never confirmed by the model; mechanism text without a citation is labelled inferred.",
  input: z.strictObject({
    title: z.string().min(5),
    severity: Severity,
    dimensions: z.array(Dimension).min(1),
    scenario: z.string().describe("scenario file, relative to the workspace root"),
    reproduction: z.string().min(5).describe("the command(s) and the expected result"),
    summary: z.string().optional(),
    mechanism: z.string().optional().describe("code analysis; labelled inferred unless cited"),
    impact: z.string().optional(),
    fix: z.string().optional().describe("suggested fix (untested)"),
    hypothesis: z.string().optional().describe("H<n> this finding came from"),
    citations: z.array(Citation).optional(),
    runs: z.array(z.string()).optional(),
  }),
  run: async (input, env) =>
    env.store.addFinding(env.project, {
      ...input,
      ...(input.mechanism ? { mechanism: labelInferred(input.mechanism) } : {}),
      status: "observation",
      citations: input.citations ?? [],
      runs: input.runs ?? [],
      source: "agent",
    }),
});

export const listRecordsTool = defineTool({
  name: "list_records",
  description: "The project's findings, hypotheses and runs, one line of facts each.",
  input: z.strictObject({}),
  run: async (_input, env) => ({
    findings: env.store.listFindings(env.project).map((f) => ({
      id: f.id,
      title: f.title,
      status: f.status,
      severity: f.severity,
      scenario: f.scenario,
    })),
    hypotheses: env.store.listHypotheses(env.project).map((h) => ({
      id: h.id,
      type: h.type,
      status: h.status,
      claim: h.claim,
      variants: h.variants,
      reason: h.reason,
    })),
    runs: env.store.listRuns(env.project).map((r) => ({
      id: r.runId,
      mode: r.mode,
      scenarioFile: r.scenarioFile,
      status: r.status,
      converged: r.metrics.converged,
      aborted: r.metrics.aborted,
    })),
  }),
});
