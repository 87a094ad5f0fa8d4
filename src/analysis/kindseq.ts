import type { Citation } from "../formats/citation.ts";
import type { Dump } from "../formats/dump.ts";
import { citeStep } from "./citations.ts";
import { depthBefore, effectsOf, pathsOf, statesOf, writesOf } from "./dump-model.ts";
import { frontierValues, type KindTrace, kindTraces } from "./kind-trace.ts";
import { USER } from "./paths.ts";
import { checkStalenessWindow } from "./staleness-window.ts";

/**
 * `analyze kindseq`: calibration of perturbations from a reference path (Phase J step 2) — kind sequence
 * advances, CREATE events, depth bands, controller IDs — and proposed tuning values that pass the pre-flight.
 */

export interface StalenessSuggestion {
  kind: string;
  staleAt: number;
  catchUpAt: number;
  lag: -1;
  /** The write the stale view hides (step and writer). */
  hides: { step: number; controllerId: string; sequence: number };
  /** Controllers that ran while the view would be stale (only those that read the kind, when the dump records reads). */
  reconcilers: string[];
  /**
   * Of those, the ones already queued before the hidden write. A stale reconciler is not enqueued by changes to
   * the stale kind (engine §5.3), so only these (or ones triggered by other kinds) are sure to run inside the window.
   */
  queuedBefore: string[];
}

export interface ReadyDepthSuggestion {
  actionIndex: number;
  depth: number;
  /** The event the action would race: the step that runs at this depth. */
  beforeStep: number;
  controllerId: string;
  event: string;
  /** Step at which the action fired on the reference path. */
  firedAtStep: number;
}

export interface KindSeqResult {
  dump: string;
  stateId: string;
  pathIndex: number;
  steps: Array<{ step: number; depth: number; controllerId: string; effects: number; writes: number }>;
  /** Distinct controller ids on the analysed path (first appearance order) and in the whole dump (sorted). */
  pathControllers: string[];
  dumpControllers: string[];
  kinds: Array<KindTrace & { depthBand: { min: number; max: number } | null; frontier: number[] }>;
  suggestions: {
    stalenessIntervals: StalenessSuggestion[];
    permuteAfterEvent: Array<{
      opType: "CREATE";
      kind: string;
      step: number;
      controllerId: string;
      object: string;
    }>;
    permuteDepthRange: Array<{ kind: string; min: number; max: number }>;
    userActionReadyDepths: ReadyDepthSuggestion[];
  };
  citation: Citation;
}

function stalenessSuggestions(t: KindTrace, path: ReturnType<typeof pathsOf>[number]): StalenessSuggestion[] {
  const values = frontierValues(t);
  const out: StalenessSuggestion[] = [];
  const readsRecorded = path.some((s) => (s.changes?.observations ?? []).length > 0);
  for (const adv of t.advances) {
    const staleAt = adv.before > 0 ? adv.before : undefined;
    if (staleAt === undefined || !values.includes(staleAt)) continue;
    const catchUpAt = adv.after + 1;
    const next = t.advances.find((a) => a.step > adv.step);
    // The step that makes the next advance still reads before it writes: it is inside the window too.
    const end = next ? next.step + 1 : path.length;
    const ran = path
      .slice(adv.step + 1, end)
      .map((s) => s.controllerId)
      .filter((c) => c !== USER);
    // Newer dumps record reads (observations): then only controllers that read the kind can be stale on it.
    const observers = new Set(t.observedBy.map((o) => o.controllerId));
    const reconcilers = [...new Set(readsRecorded ? ran.filter((c) => observers.has(c)) : ran)];
    if (reconcilers.length === 0) continue;
    const queue = adv.step > 0 ? path[adv.step - 1].pendingReconciles : undefined;
    const queuedBefore = reconcilers.filter((r) => queue?.some((p) => p.reconcilerId === r));
    const check = checkStalenessWindow({ kind: t.kind, staleAt, catchUpAt }, t);
    if (!check.effective) continue;
    out.push({
      kind: t.kind,
      staleAt,
      catchUpAt,
      lag: -1,
      hides: { step: adv.step, controllerId: adv.controllerId, sequence: adv.after },
      reconcilers: [...queuedBefore, ...reconcilers.filter((r) => !queuedBefore.includes(r))],
      queuedBefore,
    });
  }
  return out;
}

export function calibrate(
  dumpId: string,
  dump: Dump,
  opts: { stateId?: string; pathIndex?: number } = {},
): KindSeqResult {
  const states = statesOf(dump);
  const state = opts.stateId === undefined ? states[0] : states.find((s) => s.id === opts.stateId);
  if (!state) throw new RangeError(opts.stateId ? `no state ${opts.stateId}` : "dump has no states");
  const pathIndex = opts.pathIndex ?? 0;
  const path = pathsOf(state)[pathIndex];
  if (!path) throw new RangeError(`state ${state.id} has no path ${pathIndex}`);
  const traces = kindTraces(path);
  const steps = path.map((s, k) => ({
    step: k,
    depth: depthBefore(k),
    controllerId: s.controllerId,
    effects: effectsOf(s).length,
    writes: writesOf(s).length,
  }));
  const userSteps = path.flatMap((s, k) => (s.stepMetadata?.["userAction.index"] !== undefined ? [k] : []));
  const events = path.flatMap((s, k) => {
    const create = writesOf(s).find((e) => e.OpType.toUpperCase() === "CREATE");
    return s.controllerId !== USER && create
      ? [{ k, controllerId: s.controllerId, event: `CREATE ${create.Key.resourceKind ?? ""}` }]
      : [];
  });
  const userActionReadyDepths: ReadyDepthSuggestion[] = [];
  for (const u of userSteps) {
    const actionIndex = Number.parseInt(path[u].stepMetadata?.["userAction.index"] ?? "0", 10);
    // Fire earlier than the reference did, just before an event the action could race.
    const seen = new Set<number>();
    for (const e of events.filter((x) => x.k < u)) {
      if (seen.has(e.k)) continue;
      seen.add(e.k);
      userActionReadyDepths.push({
        actionIndex,
        depth: depthBefore(e.k),
        beforeStep: e.k,
        controllerId: e.controllerId,
        event: e.event,
        firedAtStep: u,
      });
    }
    if (!seen.has(0) && u > 0)
      userActionReadyDepths.push({
        actionIndex,
        depth: 0,
        beforeStep: 0,
        controllerId: path[0].controllerId,
        event: "start",
        firedAtStep: u,
      });
  }
  const creates = new Map<string, { step: number; controllerId: string; object: string }>();
  for (const t of traces)
    for (const c of t.creates) if (!creates.has(t.kind) && c.controllerId !== USER) creates.set(t.kind, c);
  const dumpControllers = [
    ...new Set(states.flatMap((s) => pathsOf(s).flatMap((p) => p.map((x) => x.controllerId)))),
  ].sort();
  return {
    dump: dumpId,
    stateId: state.id,
    pathIndex,
    steps,
    pathControllers: [...new Set(path.map((s) => s.controllerId))],
    dumpControllers,
    kinds: traces.map((t) => ({
      ...t,
      frontier: frontierValues(t),
      depthBand: t.advances.length
        ? { min: t.advances[0].depth, max: t.advances[t.advances.length - 1].depth }
        : null,
    })),
    suggestions: {
      stalenessIntervals: traces.flatMap((t) => stalenessSuggestions(t, path)),
      permuteAfterEvent: [...creates.entries()].map(([kind, c]) => ({
        opType: "CREATE" as const,
        kind,
        ...c,
      })),
      permuteDepthRange: traces
        .filter((t) => t.advances.length)
        .map((t) => ({
          kind: t.kind,
          min: t.advances[0].depth,
          max: t.advances[t.advances.length - 1].depth,
        })),
      userActionReadyDepths,
    },
    citation: citeStep(dumpId, state, pathIndex, path.length - 1),
  };
}
