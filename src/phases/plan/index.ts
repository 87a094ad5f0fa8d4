export { planProposals, proposeHypotheses, SWEEP_CAPS } from "./propose.ts";
export { PLANNER_RULES } from "./rules.ts";
export {
  type PlannerInput,
  type PlannerRule,
  type Proposal,
  type ReferenceView,
  RULE_NAMES,
  type RuleName,
  type SweepSlot,
} from "./types.ts";
