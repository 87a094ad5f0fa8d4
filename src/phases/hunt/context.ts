import type { EngineEvent } from "../../engine/index.ts";
import type { EvidenceStore } from "../../evidence/index.ts";
import type { HuntState, PhaseRecord } from "../../formats/hunt-state.ts";
import type { PlannerCoverage } from "../../formats/planner-coverage.ts";
import type { HypothesisEnv } from "../../hypotheses/index.ts";
import type { Clock } from "../../workspace/index.ts";
import type { PhaseName } from "../registry.ts";

/** Typed progress events; the CLI's reporter turns them into lines (nothing here writes to the console). */
export type HuntEvent =
  | { type: "phase-start"; phase: PhaseName }
  | { type: "phase-skip"; phase: PhaseName; why: string }
  | { type: "phase-end"; phase: PhaseName; record: PhaseRecord; ms: number }
  | { type: "step"; phase: PhaseName; message: string }
  /** Progress of the engine run in progress (states, depth, memory). */
  | { type: "engine"; event: EngineEvent };

export interface HuntBudget {
  /** Stop exploring once this many states (node visits) were explored by this invocation. */
  states?: number;
  /** Stop the model once this many dollars were spent by this invocation. */
  usd?: number;
}

/** What a model-driven phase reports back (the agent layer implements it; phases only call it). */
export interface AgentPhaseOutcome {
  stopReason: string;
  reason: string;
  turns: number;
  costUsd: number;
  usage: { inputTokens: number; outputTokens: number };
  toolCalls: ReadonlyArray<{ name: string; ok: boolean }>;
}

/** Runs one phase with a model, within a dollar budget (injected by the CLI, so phases never import the agent). */
export type AgentRunner = (phase: PhaseName, budget: { maxUsd?: number }) => Promise<AgentPhaseOutcome>;

/** Everything a phase step receives: no ambient state (workspace, clock, budget, model travel here). */
export interface HuntContext {
  root: string;
  project: string;
  store: EvidenceStore;
  env: HypothesisEnv;
  clock: Clock;
  budget: HuntBudget;
  agent?: AgentRunner;
  signal?: AbortSignal;
  timeoutMs?: number;
  emit(e: HuntEvent): void;
  /** Spend so far in this invocation (updated by steps). */
  spent: { states: number; usd: number; inputTokens: number; outputTokens: number };
  state: HuntState;
}

/** What a phase step returns; `stopped` means a budget or an interrupt cut it short (it resumes next time). */
export interface StepResult {
  summary: string[];
  outputs: string[];
  statesExplored?: number;
  stopped?: string;
  /** hypothesize: the planner's sweep coverage, kept in the phase record. */
  coverage?: PlannerCoverage;
}

export type PhaseStep = (ctx: HuntContext) => Promise<StepResult>;

/** The hunt's --timeout and interrupt, for phases that run the engine. */
export function limits(ctx: HuntContext): { timeoutMs?: number; signal?: AbortSignal } {
  return {
    ...(ctx.timeoutMs ? { timeoutMs: ctx.timeoutMs } : {}),
    ...(ctx.signal ? { signal: ctx.signal } : {}),
  };
}

/**
 * State visits one hypothesis run may make in a hunt: one exhaustive ordering search over many independent races
 * grows exponentially, and a hunt must not vanish into one run. A capped run is judged on what it explored:
 * evidence found confirms; otherwise it is inconclusive and says the search stopped at its cap (`ctrlhunt hypothesis
 * run` runs it uncapped). Not tied to --budget-states, which is checked between runs: a hypothesis cut by the budget
 * would come back inconclusive instead of being tested again when the hunt resumes.
 */
export const RUN_STATE_CAP = 10_000;

export function budgetLeft(ctx: HuntContext): string | undefined {
  if (ctx.signal?.aborted) return "interrupted";
  if (ctx.budget.states !== undefined && ctx.spent.states >= ctx.budget.states)
    return `state budget exhausted (${ctx.spent.states} ≥ ${ctx.budget.states} states)`;
  if (ctx.budget.usd !== undefined && ctx.spent.usd >= ctx.budget.usd)
    return `dollar budget exhausted ($${ctx.spent.usd.toFixed(2)} ≥ $${ctx.budget.usd.toFixed(2)})`;
  return undefined;
}
