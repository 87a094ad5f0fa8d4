import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { Dimension } from "../../src/formats/records.ts";

/**
 * expect.json next to each benchmark system's project.ts: what the system's author planted (or did not), and the
 * symptom a finding must name to count as the planted bug. Written by hand, before the tool ran.
 */
const ObjectRef = z.strictObject({ kind: z.string().min(1), namespace: z.string(), name: z.string().min(1) });

export const Expectation = z
  .strictObject({
    planted: z.boolean(),
    pattern: z.string().min(1),
    dimension: z.array(Dimension),
    symptom: z
      .strictObject({
        invariants: z.array(z.string().min(1)).optional(),
        objects: z.array(ObjectRef).optional(),
      })
      .default({}),
    twinOf: z.string().optional(),
    benign: z.boolean().optional(),
  })
  .refine((e) => !e.planted || (e.symptom.invariants?.length ?? 0) + (e.symptom.objects?.length ?? 0) > 0, {
    message: "a planted bug names its symptom (invariants or objects)",
    path: ["symptom"],
  });
export type Expectation = z.infer<typeof Expectation>;
export type SymptomRef = z.infer<typeof ObjectRef>;

export function readExpectation(systemDir: string): Expectation {
  const file = path.join(systemDir, "expect.json");
  const parsed = Expectation.safeParse(JSON.parse(fs.readFileSync(file, "utf8")));
  if (!parsed.success)
    throw new Error(
      `${file}: ${parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ")}`,
    );
  return parsed.data;
}
