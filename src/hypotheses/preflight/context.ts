import type { Tuning } from "../../formats/workflow.ts";
import type { PlanContext, PreflightIssue } from "../types.ts";

/** kamera's default when a scenario sets no maxDepth (tracecheck DefaultMaxDepth). */
export const DEFAULT_MAX_DEPTH = 10;

/** A preflight check sees the plan context plus the tuning the variant will run with. */
export interface CheckContext extends PlanContext {
  tuning: Tuning;
}

export type Check = (ctx: CheckContext) => PreflightIssue[];

export function effectiveMaxDepth(tuning: Tuning | null | undefined): number {
  const d = tuning?.maxDepth;
  return d !== undefined && d !== null && d > 0 ? d : DEFAULT_MAX_DEPTH;
}
