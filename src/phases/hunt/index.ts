export type {
  AgentPhaseOutcome,
  AgentRunner,
  HuntBudget,
  HuntContext,
  HuntEvent,
  PhaseStep,
  StepResult,
} from "./context.ts";
export { type HuntOptions, runHunt, selectPhases } from "./run-hunt.ts";
export { readHuntState, writeHuntState } from "./state.ts";
export { formatHuntSummary, type HuntSummary, summarize } from "./summary.ts";
