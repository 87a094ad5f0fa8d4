import { z } from "zod";

const fn = z.custom<(...args: unknown[]) => unknown>((v) => typeof v === "function", "must be a function");

/** Shape of one declared invariant (functions cannot be JSON, so this checks a loaded module's value). */
export const InvariantShape = z.looseObject({
  name: z.string().min(1, "name must be a non-empty string"),
  description: z.string().optional(),
  check: fn,
});

/** The judging part of a project: project.ts fields, or a Go project's checks.ts default export. */
export const ProjectChecksShape = z.looseObject({
  invariants: z
    .array(InvariantShape)
    .optional()
    .refine(
      (xs) => new Set((xs ?? []).map((x) => x.name)).size === (xs ?? []).length,
      "invariant names must be unique",
    ),
  masks: z.array(z.string().min(1, "a mask must be a non-empty JSON path or mask name")).optional(),
  disableBuiltins: z.array(z.string()).optional(),
});
