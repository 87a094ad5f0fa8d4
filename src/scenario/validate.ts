import type { Issue } from "../errors/index.ts";
import { expandWorkflowPaths } from "./files.ts";
import { checkWorkflowFile, type FileCheck } from "./read.ts";

/** `scenario validate`: would kamera (and ctrlhunt) accept these files? */
export interface ValidationReport {
  ok: boolean;
  files: Omit<FileCheck, "workflow">[];
  /** Arguments that named nothing (missing file, empty folder, glob without matches). */
  problems: Issue[];
}

export async function validateWorkflowFiles(args: readonly string[], cwd: string): Promise<ValidationReport> {
  const { files, problems } = await expandWorkflowPaths(args, cwd);
  const checks = files.map((f) => {
    const { workflow: _, ...check } = checkWorkflowFile(f, cwd);
    return check;
  });
  return { ok: problems.length === 0 && checks.every((c) => c.ok), files: checks, problems };
}
