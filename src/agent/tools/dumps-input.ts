import path from "node:path";
import { z } from "zod";
import { CtrlhuntError } from "../../errors/index.ts";
import type { ToolEnv } from "./tool.ts";

/** Which dumps an analysis tool reads: a recorded run's, or explicit workspace-relative paths. */
export const DumpsInput = {
  run: z.string().optional().describe("run id (e.g. R3): analyse that run's dumps"),
  dumps: z.array(z.string()).optional().describe("dump files or folders, relative to the workspace root"),
};

/** Absolute dump inputs, confined to the workspace. */
export function dumpInputs(input: { run?: string; dumps?: string[] }, env: ToolEnv): string[] {
  const rel = input.run ? env.store.readRun(env.project, input.run).dumps : (input.dumps ?? []);
  if (rel.length === 0)
    throw new CtrlhuntError("CTRLHUNT_USAGE", "give a run id (run) or dump paths (dumps)");
  return rel.map((f) => {
    const abs = path.resolve(env.root, f);
    if (abs !== env.root && !abs.startsWith(`${env.root}${path.sep}`))
      throw new CtrlhuntError("CTRLHUNT_USAGE", `${f} is outside the workspace`);
    return abs;
  });
}
