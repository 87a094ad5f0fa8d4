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

/** The step a citation points at (dump, state, path, step): two citations with one key cite the same evidence. */
export const citedStepKey = (c: Pick<Citation, "dump" | "stateId" | "pathIndex" | "stepIndex">): string =>
  `${c.dump}\u0000${c.stateId}\u0000${c.pathIndex}\u0000${c.stepIndex}`;

/** Citations without repeats, in order of first appearance (the first one's note is kept). */
export function uniqueCitations(citations: readonly Citation[]): Citation[] {
  const seen = new Set<string>();
  return citations.filter((c) => {
    const key = citedStepKey(c);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
