import { z } from "zod";

/**
 * A claim's evidence: one step (or one terminal state when stepIndex is -1) in a stored dump.
 * `dump` is relative to the workspace root. A citation "resolves" when the dump exists and the state, path,
 * step, controller and contents hash all match (src/analysis/citations.ts).
 */
export const Citation = z
  .object({
    dump: z.string().min(1),
    stateId: z.string().min(1),
    pathIndex: z.number().int().min(0),
    stepIndex: z.number().int().min(-1),
    controllerId: z.string(),
    contentsHash: z.string(),
    note: z.string().optional(),
  })
  .describe(
    "Evidence pointer into a dump: file, state id, path index, step index, controller, contents hash",
  );
export type Citation = z.infer<typeof Citation>;
