import path from "node:path";
import { CtrlhuntError } from "../errors/index.ts";
import { resolveWorkflow } from "../formats/workflow-resolve.ts";
import type { ResolvedScenario } from "../formats/workflow-resolved.ts";
import { readWorkflowFile } from "./read.ts";

/** `scenario resolve`: show the resolved stage (what the engine receives) of a file's scenarios. */
export function resolveWorkflowFile(
  file: string,
  opts: { cwd: string; scenario?: string; defaultMaxDepth?: number },
): ResolvedScenario[] {
  const workflow = readWorkflowFile(file, opts.cwd);
  const all = resolveWorkflow(workflow, { defaultMaxDepth: opts.defaultMaxDepth });
  if (opts.scenario === undefined) return all;
  const picked = all.filter((s) => s.name === opts.scenario);
  if (picked.length === 0)
    throw new CtrlhuntError(
      "CTRLHUNT_NOT_FOUND",
      `scenario "${opts.scenario}" is not in ${path.normalize(file)} (scenarios: ${all.map((s) => s.name).join(", ")})`,
    );
  return picked;
}
