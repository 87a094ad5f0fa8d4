import { openEvidenceStore } from "../../evidence/index.ts";
import type { PhaseRecord } from "../../formats/hunt-state.ts";
import { type Engine, engineFor, type RunOptions } from "../../engine/index.ts";
import { isCtrlhuntError } from "../../errors/index.ts";
import {
  type Clock,
  clockFromEnv,
  discoverProject,
  holdLock,
  sweepStaleTempFiles,
  workspacePaths,
} from "../../workspace/index.ts";
import { PHASES, type PhaseName } from "../registry.ts";
import type { AgentRunner, HuntBudget, HuntContext, HuntEvent, StepResult } from "./context.ts";
import { readHuntState, writeHuntState } from "./state.ts";
import { phaseSteps } from "./steps/index.ts";
import { type HuntSummary, summarize } from "./summary.ts";

export interface HuntOptions {
  root: string;
  project: string;
  /** Run exactly these phases (repeating finished ones). */
  phases?: PhaseName[];
  /** Repeat this phase and every later one. */
  from?: PhaseName;
  /** Repeat every phase. */
  force?: boolean;
  budget?: HuntBudget;
  /** A model for the judgement calls (offline when absent). */
  agent?: AgentRunner;
  clock?: Clock;
  signal?: AbortSignal;
  timeoutMs?: number;
  /** The engine per project (default: the project's own, on this clock); callers wrap it to cancel or report. */
  engineFor?: (project: string) => Engine;
  /** Heap budget of each search (MiB); past it the search stops as partial. */
  maxMemoryMb?: number;
  /** The command line, named by the hunt lock to a second hunt of the same project. */
  command?: string;
  onEvent?: (e: HuntEvent) => void;
}

/** Which phases run, and whether each repeats finished work (asked for) or resumes (default). */
export function selectPhases(
  done: ReadonlySet<string>,
  opts: Pick<HuntOptions, "phases" | "from" | "force">,
): Array<{ phase: PhaseName; redo: boolean }> {
  const names = PHASES.map((p) => p.name);
  if (opts.phases?.length)
    return names.filter((n) => opts.phases?.includes(n)).map((phase) => ({ phase, redo: true }));
  const fromIdx = opts.from ? names.indexOf(opts.from) : opts.force ? 0 : names.length;
  return names
    .map((phase, i) => ({ phase, redo: i >= fromIdx }))
    .filter(({ phase, redo }) => redo || !done.has(phase));
}

/**
 * `ctrlhunt hunt`: the phases in order, each recorded in evidence/<project>/hunt-state.json when it finishes.
 * A phase cut short (budget, interrupt, crash) is not marked done, so the next hunt resumes it; the records it
 * already wrote (runs, hypotheses, findings) are reused, never lost.
 */
export async function runHunt(opts: HuntOptions): Promise<HuntSummary> {
  discoverProject(opts.root, opts.project);
  const ws = workspacePaths(opts.root);
  const release = holdLock(
    ws.huntLock(opts.project),
    opts.command ?? `ctrlhunt hunt ${opts.project}`,
    `a hunt of ${opts.project}`,
  );
  try {
    sweepStaleTempFiles(ws.evidence);
    return await huntLocked(opts);
  } finally {
    release();
  }
}

/** A phase step; an interrupt inside an engine run stops the phase (it resumes next time) instead of failing. */
async function runStep(ctx: HuntContext, phase: PhaseName, redo: boolean): Promise<StepResult> {
  try {
    return await phaseSteps(redo)[phase](ctx);
  } catch (e) {
    if (isCtrlhuntError(e) && e.code === "CTRLHUNT_INTERRUPTED")
      return { summary: [e.message], outputs: [], stopped: "interrupted" };
    throw e;
  }
}

async function huntLocked(opts: HuntOptions): Promise<HuntSummary> {
  const clock = opts.clock ?? clockFromEnv();
  const store = openEvidenceStore(opts.root, { clock });
  store.sweepUnfinishedRuns(opts.project);
  const emit = opts.onEvent ?? (() => {});
  let state = readHuntState(opts.root, opts.project);
  const done = new Set(
    Object.entries(state.phases)
      .filter(([, r]) => r.status === "done")
      .map(([n]) => n),
  );
  const plan = selectPhases(done, opts);
  const ctx: HuntContext = {
    root: opts.root,
    project: opts.project,
    store,
    env: {
      root: opts.root,
      store,
      engineFor: (p) =>
        supervised(opts.engineFor ? opts.engineFor(p) : engineFor(opts.root, p, { clock }), {
          ...(opts.signal ? { signal: opts.signal } : {}),
          ...(opts.maxMemoryMb ? { maxMemoryMb: opts.maxMemoryMb } : {}),
          onEvent: (event) => emit({ type: "engine", event }),
        }),
    },
    clock,
    budget: opts.budget ?? {},
    ...(opts.agent ? { agent: opts.agent } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
    ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}),
    emit,
    spent: { states: 0, usd: 0, inputTokens: 0, outputTokens: 0 },
    state,
  };
  for (const p of PHASES.map((x) => x.name))
    if (!plan.some((x) => x.phase === p)) emit({ type: "phase-skip", phase: p, why: "done" });
  const start = clock.startMs();
  let stoppedAt: PhaseName | undefined;
  for (const { phase, redo } of plan) {
    emit({ type: "phase-start", phase });
    const t0 = clock.startMs();
    const res = await runStep(ctx, phase, redo);
    const record: PhaseRecord = {
      status: res.stopped ? "stopped" : "done",
      summary: res.summary,
      outputs: res.outputs,
      statesExplored: res.statesExplored ?? 0,
      ...(res.stopped ? { reason: res.stopped } : {}),
      ...(res.coverage ? { coverage: res.coverage } : {}),
      finishedAt: clock.nowIso(),
    };
    state = writeHuntState(opts.root, {
      ...state,
      agent: opts.agent ? "anthropic" : state.agent,
      phases: { ...state.phases, [phase]: record },
      usage: {
        statesExplored: state.usage.statesExplored + record.statesExplored,
        inputTokens: state.usage.inputTokens + ctx.spent.inputTokens,
        outputTokens: state.usage.outputTokens + ctx.spent.outputTokens,
        costUsd: state.usage.costUsd + ctx.spent.usd,
      },
    });
    ctx.spent.inputTokens = 0;
    ctx.spent.outputTokens = 0;
    ctx.state = state;
    emit({ type: "phase-end", phase, record, ms: clock.elapsedSince(t0) });
    if (res.stopped) {
      stoppedAt = phase;
      break;
    }
  }
  return summarize(ctx, state, { ms: clock.elapsedSince(start), stoppedAt, ran: plan.map((p) => p.phase) });
}

/** Every engine run of a hunt gets the hunt's interrupt, memory budget and progress reporting. */
function supervised(engine: Engine, extra: Pick<RunOptions, "signal" | "maxMemoryMb" | "onEvent">): Engine {
  return { name: engine.name, run: (o) => engine.run({ ...extra, ...o }) };
}
