import type { AuthorDimension } from "../../../formats/scenario-annotation.ts";
import type { Heuristic } from "../draft.ts";
import { baseline } from "./baseline.ts";
import { faultInjection } from "./fault-injection.ts";
import { ordering } from "./ordering.ts";
import { staleness } from "./staleness.ts";
import { userActionTiming } from "./user-action.ts";

/** One heuristic per dimension; a new dimension without a heuristic fails to compile. */
export const HEURISTICS: Record<AuthorDimension, Heuristic> = {
  baseline,
  ordering,
  staleness,
  "fault-injection": faultInjection,
  "user-action-timing": userActionTiming,
};
