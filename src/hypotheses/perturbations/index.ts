import type { HypothesisType } from "../../formats/records.ts";
import type { PerturbationBuilder } from "../types.ts";
import { faultInjection } from "./fault-injection.ts";
import { monteCarlo } from "./monte-carlo.ts";
import { ordering, orderingAfterEvent, orderingDepthBand } from "./ordering.ts";
import { staleness } from "./staleness.ts";
import { unconditionalWrite } from "./unconditional-write.ts";
import { userActionTiming } from "./user-action.ts";

/** The Phase J classification table: a new hypothesis type without a row fails to compile. */
export const PERTURBATIONS: Record<HypothesisType, PerturbationBuilder> = {
  ordering,
  "ordering-after-event": orderingAfterEvent,
  "ordering-depth-band": orderingDepthBand,
  staleness,
  "user-action-timing": userActionTiming,
  "fault-injection": faultInjection,
  "monte-carlo": monteCarlo,
  "unconditional-write": unconditionalWrite,
};

export { DEFAULT_TRIALS } from "./monte-carlo.ts";
export { targetsOf } from "./targets.ts";
