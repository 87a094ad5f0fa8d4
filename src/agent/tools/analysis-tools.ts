import { z } from "zod";
import {
  analyzeDiffInputs,
  analyzeKindSeqInputs,
  analyzeMetricsInputs,
  analyzePathsInputs,
  analyzeStatesInputs,
  parseMasks,
} from "../../analysis/index.ts";
import { DumpsInput, dumpInputs } from "./dumps-input.ts";
import { defineTool } from "./tool.ts";

const opts = (root: string) => ({ cwd: root, base: root });
const masks = z
  .array(z.string())
  .optional()
  .describe(
    "noise masks: resourceVersion, generation, timestamps, managedFields, or JSON paths like status.observedGeneration",
  );

export const metricsTool = defineTool({
  name: "metrics",
  description:
    "Campaign metrics per invocation and phase (unique/total node visits, resource states, converged, aborted, max-depth aborted) with the convergence verdict and next action (Phase E decision tree).",
  input: z.strictObject({ ...DumpsInput }),
  run: async (input, env) => analyzeMetricsInputs(dumpInputs(input, env), opts(env.root)),
});

export const statesTool = defineTool({
  name: "states",
  description:
    "Terminal-state histogram across states, phases and Monte Carlo trials: groups by contents hash (optionally masked), counts, percentages, and a representative citation per group.",
  input: z.strictObject({ ...DumpsInput, masks }),
  run: async (input, env) =>
    analyzeStatesInputs(dumpInputs(input, env), {
      ...opts(env.root),
      ...(input.masks ? { mask: parseMasks(input.masks) } : {}),
    }),
});

export const diffTool = defineTool({
  name: "diff",
  description:
    "Object- and field-level differences between terminal states, with the last write of each differing object per path (step, controller).",
  input: z.strictObject({ ...DumpsInput, masks }),
  run: async (input, env) =>
    analyzeDiffInputs(dumpInputs(input, env), {
      ...opts(env.root),
      ...(input.masks ? { mask: parseMasks(input.masks) } : {}),
    }),
});

export const pathsTool = defineTool({
  name: "paths",
  description:
    "Per path: controller sequence, write effects, errors, user-action steps, staleness info, and the ordering citation (Ordering / Path / Steps / Outcome).",
  input: z.strictObject({
    ...DumpsInput,
    stateId: z.string().optional().describe("only paths into this terminal state"),
    limit: z
      .number()
      .int()
      .min(1)
      .max(50)
      .optional()
      .describe("paths per state (default: the analysis default)"),
  }),
  run: async (input, env) =>
    analyzePathsInputs(dumpInputs(input, env), {
      ...opts(env.root),
      ...(input.stateId ? { stateId: input.stateId } : {}),
      ...(input.limit ? { limit: input.limit } : {}),
    }),
});

export const kindseqTool = defineTool({
  name: "kindseq",
  description:
    "KindSequence calibration from a (reference) dump: where each kind's sequence advanced and by whom, CREATE events, depth bands, controller IDs, and live staleAt/catchUpAt, permuteAfterEvent and userActionReadyDepths suggestions.",
  input: z.strictObject({
    ...DumpsInput,
    stateId: z.string().optional(),
    pathIndex: z.number().int().min(0).optional(),
  }),
  run: async (input, env) =>
    analyzeKindSeqInputs(dumpInputs(input, env), {
      ...opts(env.root),
      ...(input.stateId ? { stateId: input.stateId } : {}),
      ...(input.pathIndex !== undefined ? { pathIndex: input.pathIndex } : {}),
    }),
});
