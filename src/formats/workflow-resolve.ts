import { type Scenario, scenarioGeneration, type Tuning, type WorkflowFile, actionsOf } from "./workflow.ts";
import { canonicalKindOf } from "./workflow-kinds.ts";
import { stableStringify } from "./json-text.ts";
import {
  DEFAULT_MAX_DEPTH,
  type ResolvedAction,
  type ResolvedScenario,
  type ResolvedSearch,
  type ResolvedStaleness,
  type ResolvedTuning,
} from "./workflow-resolved.ts";

/**
 * Stage "as written" → stage "resolved" (kamera's ApplyInputTuning + UserActionsFromInput, as data).
 * Pure: the same scenario always resolves to the same value.
 */
export interface ResolveOptions {
  /** Position of the scenario in its file (default 0). */
  index?: number;
  /** Used when tuning.maxDepth is absent or ≤ 0 (kamera's harness default is 10). */
  defaultMaxDepth?: number;
  /** kamera's `inputRef`; default Monte Carlo group is this, else `<name>#<index>`. */
  inputRef?: string;
}

/** Go's `%d` scan of a userActionReadyDepths key: a leading decimal integer, anything else is index 0. */
export function readyDepthIndex(key: string): number {
  const m = /^\s*([+-]?\d+)/.exec(key);
  return m ? Number(m[1]) : 0;
}

function objectKey(o: {
  apiVersion: string;
  kind: string;
  metadata?: { name?: string; namespace?: string };
}) {
  return `${canonicalKindOf(o.apiVersion, o.kind)}/${o.metadata?.namespace ?? ""}/${o.metadata?.name ?? ""}`;
}

function resolveActions(s: Scenario, notes: string[]): ResolvedAction[] {
  const ready = new Map<number, number>();
  for (const [key, depth] of Object.entries(s.tuning?.userActionReadyDepths ?? {})) {
    const idx = readyDepthIndex(key);
    if (String(idx) !== key) notes.push(`userActionReadyDepths key "${key}" is read as action index ${idx}`);
    ready.set(idx, depth);
  }
  const seeded = new Set((s.environmentState?.objects ?? []).map(objectKey));
  const actions = actionsOf(s).map((a, index): ResolvedAction => {
    const converted = a.opType === "CREATE" && seeded.has(objectKey(a.object));
    if (converted) notes.push(`action [${index}] CREATE targets a seeded object and runs as UPDATE`);
    return {
      index,
      id: a.id?.trim() ? a.id : `user-input-${index}`,
      opType: converted ? "UPDATE" : a.opType,
      ...(converted ? { convertedFrom: "CREATE" as const } : {}),
      ...(a.source ? { source: a.source } : {}),
      object: a.object,
      readyAtDepth: ready.get(index) ?? null,
    };
  });
  for (const idx of ready.keys())
    if (idx < 0 || idx >= actions.length)
      notes.push(`userActionReadyDepths names action ${idx}, but there are ${actions.length} actions`);
  return actions;
}

function resolveStaleness(t: Tuning, notes: string[]): ResolvedStaleness {
  const intervals = t.stalenessIntervals ?? [];
  const staleReads = Object.entries(t.staleReads ?? {});
  if (intervals.length > 0) {
    if (staleReads.length > 0) notes.push("staleReads is ignored because stalenessIntervals is set");
    return { mode: "intervals", intervals };
  }
  if (staleReads.length === 0) {
    if (Object.keys(t.staleLookback ?? {}).length > 0)
      notes.push("staleLookback has no effect without staleReads");
    return { mode: "none" };
  }
  const lookback = Object.entries(t.staleLookback ?? {}).map(([k, n]) => [k, n > 0 ? n : 1] as const);
  return {
    mode: "legacy",
    staleReads: Object.fromEntries(staleReads.map(([r, kinds]) => [r, kinds ?? []])),
    staleLookback: Object.fromEntries(lookback),
  };
}

function resolveSearch(s: Scenario, opts: ResolveOptions, index: number): ResolvedSearch {
  const search = s.tuning?.search;
  const mc = search?.monteCarlo ?? {};
  const mcFieldSet = ["seed", "trials", "trialIndex", "scenarioGroup"].some(
    (k) => (mc as Record<string, unknown>)[k] !== undefined,
  );
  const mode = (search?.mode ?? "").trim().toLowerCase();
  if (mode !== "monte_carlo" && !mcFieldSet) return { mode: "dfs" };
  return {
    mode: "monte_carlo",
    seed: mc.seed ?? 0,
    trials: mc.trials ?? 1,
    trialIndex: mc.trialIndex ?? 0,
    scenarioGroup: mc.scenarioGroup?.trim() ? mc.scenarioGroup : (opts.inputRef ?? `${s.name}#${index}`),
  };
}

/** One scenario as the engine should run it: defaults filled, G1 → G2, search mode and staleness decided. */
export function resolveScenario(s: Scenario, opts: ResolveOptions = {}): ResolvedScenario {
  const index = opts.index ?? 0;
  const t: Tuning = s.tuning ?? {};
  const notes: string[] = [];
  const actions = resolveActions(s, notes);
  const scenarioDepth = typeof t.maxDepth === "number" && t.maxDepth > 0;
  const tuning: ResolvedTuning = {
    maxDepth: scenarioDepth ? (t.maxDepth as number) : (opts.defaultMaxDepth ?? DEFAULT_MAX_DEPTH),
    maxDepthFrom: scenarioDepth ? "scenario" : "default",
    permuteControllers: [...(t.permuteControllers ?? [])],
    permuteDepthRange: t.permuteDepthRange
      ? { min: t.permuteDepthRange.min, max: t.permuteDepthRange.max }
      : null,
    permuteAfterEvent: t.permuteAfterEvent
      ? { opType: t.permuteAfterEvent.opType, kind: t.permuteAfterEvent.kind }
      : null,
    staleness: resolveStaleness(t, notes),
    faultInjection: (t.faultInjection ?? []).map((f) => ({
      ...f,
      triggerOnce: f.triggerOnce ?? false,
      recoverAtDepth: f.recoverAtDepth ?? null,
      triggerAfterDepth: f.triggerAfterDepth ?? null,
    })),
    search: resolveSearch(s, opts, index),
  };
  return {
    name: s.name,
    index,
    generation: scenarioGeneration(s),
    objects: [...(s.environmentState?.objects ?? [])],
    actions,
    tuning,
    notes,
  };
}

/** Every scenario of a file, each with its index. */
export function resolveWorkflow(
  w: WorkflowFile,
  opts: Omit<ResolveOptions, "index"> = {},
): ResolvedScenario[] {
  return w.map((s, index) => resolveScenario(s, { ...opts, index }));
}

/**
 * What a reference run receives (kamera's `--no-perturbations`): no ordering permutation, no staleness, no
 * fault injection. Action timing (userActionReadyDepths) is kept: it schedules inputs, it does not perturb.
 */
export function withoutPerturbations(r: ResolvedScenario): ResolvedScenario {
  return {
    ...r,
    tuning: {
      ...r.tuning,
      permuteControllers: [],
      permuteDepthRange: null,
      permuteAfterEvent: null,
      staleness: { mode: "none" },
      faultInjection: [],
    },
  };
}

/**
 * Whether a reference run searches differently from an exploration run of the same scenario: false when the
 * scenario carries nothing a reference strips (a Monte Carlo sample stays a Monte Carlo sample), so the two runs
 * would be the same search and one of them is enough.
 */
export function referenceDiffers(r: ResolvedScenario): boolean {
  return stableStringify(withoutPerturbations(r)) !== stableStringify(r);
}
