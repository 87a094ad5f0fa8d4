import fs from "node:fs";
import { CtrlhuntError } from "../errors/index.ts";
import { parseWorkflow, serializeWorkflow } from "../formats/workflow-io.ts";
import type { Scenario, Tuning, WorkflowFile } from "../formats/workflow.ts";
import { variantFileName, writeFileAtomic } from "../workspace/index.ts";

/**
 * Variant files (Phase J step 3): `<stem>-hypothesis-<N>.json` beside the base, holding the hypothesis's scenario
 * with only `tuning` changed and `name` suffixed. The base file is never written.
 */

/** The scenario a hypothesis names (by `name`, default the first), as written in the file. */
export function pickScenario(workflow: WorkflowFile, name: string | undefined, file: string): Scenario {
  const s = name === undefined ? workflow[0] : workflow.find((x) => x.name === name);
  if (!s)
    throw new CtrlhuntError(
      "CTRLHUNT_NOT_FOUND",
      `scenario "${name}" not in ${file} (scenarios: ${workflow.map((x) => x.name).join(", ")})`,
    );
  return s;
}

/** The variant document: the scenario's own keys in their order, `name` suffixed, `tuning` replaced. */
export function variantDocument(base: Scenario, tuning: Tuning, n: number): WorkflowFile {
  const out: Record<string, unknown> = { ...base, name: `${base.name}-hypothesis-${n}` };
  out.tuning = tuning;
  return [out as Scenario];
}

/** Smallest N ≥ 1 whose variant file does not exist yet (numbers of deleted variants are reused only if free). */
export function nextVariantNumber(baseFile: string): number {
  let n = 1;
  while (fs.existsSync(variantFileName(baseFile, n))) n++;
  return n;
}

/** Write the next variant of `baseFile` for `scenario`; validated before it touches the disk. Caller holds the lock. */
export function writeVariant(
  baseFile: string,
  scenario: Scenario,
  tuning: Tuning,
): { file: string; n: number } {
  const n = nextVariantNumber(baseFile);
  const file = variantFileName(baseFile, n);
  const doc = parseWorkflow(variantDocument(scenario, tuning, n), file);
  writeFileAtomic(file, serializeWorkflow(doc));
  return { file, n };
}
