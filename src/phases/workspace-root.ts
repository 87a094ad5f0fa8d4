import path from "node:path";
import { findWorkspaceRoot } from "../workspace/index.ts";

/** `--workspace DIR`, else the nearest workspace above cwd; `standalone` falls back to cwd outside one. */
export function resolveWorkspaceRoot(cwd: string, flag: string | undefined, standalone = false): string {
  if (flag) return path.resolve(cwd, flag);
  try {
    return findWorkspaceRoot(cwd);
  } catch (e) {
    if (standalone) return cwd;
    throw e;
  }
}
