import { type MaskSpec, parseMasks } from "../../analysis/index.ts";
import { type InvariantSet, invariantSet, type ProjectChecks } from "../../invariants/index.ts";

/** What the judge compares with: the project's invariants (plus built-ins) and the masks of bookkeeping fields. */
export interface JudgeChecks {
  invariants: InvariantSet;
  /** The default mask set plus the project's own masks: differences only here are never evidence. */
  mask: MaskSpec;
}

export function judgeChecks(project: ProjectChecks | undefined): JudgeChecks {
  return {
    invariants: invariantSet(project),
    mask: parseMasks(["default", ...(project?.masks ?? [])]),
  };
}

/** True when the project states what a correct outcome is; then a divergence that violates nothing is allowed. */
export const declaresInvariants = (c: JudgeChecks): boolean => c.invariants.declared.length > 0;
