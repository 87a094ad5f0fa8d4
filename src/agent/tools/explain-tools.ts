import { z } from "zod";
import { CtrlhuntError } from "../../errors/index.ts";
import { unbackedSentences } from "../../evidence/index.ts";
import { INFERRED_LABEL } from "../../formats/records.ts";
import { explainStoredFinding } from "../../report/index.ts";
import { defineTool } from "./tool.ts";

export const explainFindingTool = defineTool({
  name: "explain_finding",
  description:
    "Fill a finding's Mechanism and Fix from its cited trace (offline, deterministic): the step where the divergent path departs, what it read (stale, missing, errors) and wrote, what never re-triggered; every sentence cites a step, the Fix is labelled inference. Returns the text and the citations it added.",
  input: z.strictObject({
    id: z.string().describe("finding id, e.g. F1"),
    replace: z
      .boolean()
      .optional()
      .describe("replace an existing Mechanism/Fix (default: only fill empty ones)"),
  }),
  run: async (input, env) => {
    const { finding: f, changed } = explainStoredFinding(env.store, env.project, input.id, input);
    return { id: f.id, changed, mechanism: f.mechanism, fix: f.fix, citations: f.citations.length };
  },
});

export const refineExplanationTool = defineTool({
  name: "refine_explanation",
  description: `Replace a finding's Mechanism and/or Fix with a refined text (e.g. after reading the controller source the surface map points to). Every sentence must cite a step of the finding as [Cn] or carry "${INFERRED_LABEL}"; otherwise nothing is written and the offending sentences are returned.`,
  input: z.strictObject({
    id: z.string(),
    mechanism: z.string().min(10).optional(),
    fix: z.string().min(10).optional(),
  }),
  run: async (input, env) => {
    const f = env.store.readFinding(env.project, input.id);
    const problems = [
      ...(input.mechanism
        ? unbackedSentences(input.mechanism, f.citations.length).map((p) => `mechanism: ${p}`)
        : []),
      ...(input.fix ? unbackedSentences(input.fix, f.citations.length).map((p) => `fix: ${p}`) : []),
    ];
    if (problems.length)
      throw new CtrlhuntError(
        "CTRLHUNT_LINT_FAILED",
        `${f.id}: ${problems.length} sentence(s) without evidence`,
        {
          issues: problems.map((message) => ({ path: input.id, message })),
        },
      );
    const out = env.store.updateFinding(env.project, f.id, (g) => ({
      ...g,
      ...(input.mechanism ? { mechanism: input.mechanism } : {}),
      ...(input.fix ? { fix: input.fix } : {}),
    }));
    return { id: out.id, mechanism: out.mechanism, fix: out.fix };
  },
});
