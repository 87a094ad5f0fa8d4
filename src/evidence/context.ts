import path from "node:path";
import { CtrlhuntError } from "../errors/index.ts";
import { type Clock, clockFromEnv, projectPaths, withLockSync, workspacePaths } from "../workspace/index.ts";

/** What every store operation needs: the workspace, the clock records are stamped with, and the lock. */
export interface StoreContext {
  root: string;
  clock: Clock;
  lockTimeoutMs?: number;
}

export function storeContext(
  root: string,
  opts: { clock?: Clock; lockTimeoutMs?: number } = {},
): StoreContext {
  return { root: path.resolve(root), clock: opts.clock ?? clockFromEnv(), lockTimeoutMs: opts.lockTimeoutMs };
}

/** Run `fn` holding the workspace lock (serialises ID allocation and read-modify-write across processes). */
export function locked<T>(ctx: StoreContext, fn: () => T): T {
  return withLockSync(workspacePaths(ctx.root).lock, fn, { timeoutMs: ctx.lockTimeoutMs });
}

/** Paths of one project, plus the evidence-store folders the workspace layout does not name. */
export function storePaths(ctx: StoreContext, project: string) {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(project)) {
    throw new CtrlhuntError("CTRLHUNT_USAGE", `invalid project name "${project}"`);
  }
  const p = projectPaths(ctx.root, project);
  return {
    ...p,
    reruns: path.join(p.evidence, "reruns"),
    kept: (findingId: string) => path.join(p.evidence, "evidence", findingId),
  };
}

/** Numeric order for IDs like F2 < F10 (prefix first, then number). */
export function compareIds(a: string, b: string): number {
  const ma = /^(.*?)(\d+)$/.exec(a);
  const mb = /^(.*?)(\d+)$/.exec(b);
  if (ma && mb && ma[1] === mb[1]) return Number(ma[2]) - Number(mb[2]);
  return a < b ? -1 : a > b ? 1 : 0;
}

export function notFound(what: string, id: string, project: string): CtrlhuntError {
  return new CtrlhuntError("CTRLHUNT_NOT_FOUND", `${what} ${id} not found in project ${project}`);
}

/** Omit that keeps the known keys of a loose (index-signature) record type. */
export type Without<T, K extends PropertyKey> = { [P in keyof T as P extends K ? never : P]: T[P] };
