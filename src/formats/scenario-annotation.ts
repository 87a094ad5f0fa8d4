import { z } from "zod";

/**
 * The annotation `ctrlhunt author` keeps with each generated scenario (workflow Phase C: target bug pattern,
 * vulnerability window, code reference, why existing scenarios don't cover it). It lives in the scenario object
 * as `annotations`: kamera's loader ignores unknown keys, ctrlhunt's workflow reader keeps them, and a sidecar
 * `*.json` beside the scenario would itself be picked up as a scenario file.
 */

export const AuthorDimension = z.enum([
  "baseline",
  "ordering",
  "staleness",
  "fault-injection",
  "user-action-timing",
]);
export type AuthorDimension = z.infer<typeof AuthorDimension>;

export const ScenarioAnnotation = z
  .looseObject({
    id: z.string().describe("scenario ID (S<n>), never reused"),
    slug: z.string(),
    dimension: AuthorDimension,
    pattern: z.string().describe("target bug pattern"),
    window: z.string().describe("the vulnerability window the scenario opens"),
    why: z.string().describe("why existing scenarios do not cover it"),
    hypothesis: z.string().describe("what would be a bug if observed"),
    targets: z.looseObject({ controllers: z.array(z.string()), kinds: z.array(z.string()) }),
    codeRef: z.string().optional().describe("file:line of the read or write, when the map knows it"),
    calibration: z
      .looseObject({ reference: z.string(), steps: z.array(z.number().int()), note: z.string() })
      .optional()
      .describe("reference trace the window or depth was taken from"),
    generatedBy: z.string(),
  })
  .describe("scenario.annotations, written by ctrlhunt author");
export type ScenarioAnnotation = z.infer<typeof ScenarioAnnotation>;

/** The annotation of a scenario object, if it carries a valid one. */
export function annotationOf(scenario: object): ScenarioAnnotation | undefined {
  const res = ScenarioAnnotation.safeParse((scenario as { annotations?: unknown }).annotations);
  return res.success ? res.data : undefined;
}
