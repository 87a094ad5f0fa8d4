import type { Citation } from "../formats/citation.ts";
import type { Dump, DumpStep, StaleReadInfo } from "../formats/dump.ts";
import { keyString } from "../formats/dump.ts";
import { citeTerminal } from "./citations.ts";
import {
  depthBefore,
  type Outcome,
  outcomeOf,
  pathsOf,
  statesOf,
  stepContentsHash,
  type TerminalState,
  terminalHash,
  writesOf,
} from "./dump-model.ts";

/**
 * `analyze paths`: what happened on each path — controller sequence, write effects, errors, user-action steps,
 * staleness — plus Phase G's ordering evidence block (Ordering / Path / Steps / Outcome).
 */

export const USER = "External User";

export interface StepSummary {
  index: number;
  depth: number;
  controllerId: string;
  writes: Array<{ op: string; object: string; subresource?: string }>;
  error?: string;
  userAction?: { id: string; type: string; index: number };
  stale?: StaleReadInfo[];
  pending: Array<{ reconcilerId: string; request: string; source: string }>;
  contentsHash?: string;
}

export interface PathSummary {
  dump: string;
  stateId: string;
  stateIndex: number;
  pathIndex: number;
  outcome: Outcome;
  stateError?: string;
  terminalHash: string;
  ordering: string[];
  steps: StepSummary[];
  userActionSteps: number[];
  errors: Array<{ step: number; controllerId: string; error: string }>;
  staleSteps: number[];
  /** Who ran first (user actions aside), and who ran first after the first user action. */
  firstController?: string;
  firstAfterUserAction?: string;
  /** Per written object: first and last writing step. */
  objectWrites: Record<
    string,
    { first: { step: number; controllerId: string }; last: { step: number; controllerId: string } }
  >;
  outcomeText: string;
  /** Phase G ordering citation block. */
  evidence: string;
  citation: Citation;
}

function summarizeStep(step: DumpStep, index: number): StepSummary {
  const md = step.stepMetadata ?? {};
  return {
    index,
    depth: depthBefore(index),
    controllerId: step.controllerId,
    writes: writesOf(step).map((e) => ({
      op: e.OpType,
      object: keyString(e.Key),
      ...(e.subresource ? { subresource: e.subresource } : {}),
    })),
    ...(step.error ? { error: step.error } : {}),
    ...(md["userAction.index"] !== undefined
      ? {
          userAction: {
            id: md["userAction.id"] ?? "",
            type: md["userAction.type"] ?? "",
            index: Number.parseInt(md["userAction.index"], 10),
          },
        }
      : {}),
    ...(step.stalenessInfo?.length ? { stale: step.stalenessInfo } : {}),
    pending: (step.pendingReconciles ?? []).map((p) => ({
      reconcilerId: p.reconcilerId,
      request: `${p.namespace}/${p.name}`,
      source: p.source,
    })),
    ...(stepContentsHash(step) ? { contentsHash: stepContentsHash(step) } : {}),
  };
}

export function outcomeText(state: TerminalState, path: ReadonlyArray<DumpStep>): string {
  const last = path.length - 1;
  const outcome = outcomeOf(state);
  if (outcome === "converged") return `converged at step ${last}, final state hash ${terminalHash(state)}`;
  if (outcome === "max-depth")
    return `aborted (max depth) at step ${last}, final state hash ${terminalHash(state)}`;
  const stepError = path[last]?.error;
  return `error-terminated at step ${last} with "${stepError ?? state.error ?? ""}"`;
}

/** Phase G's block, verbatim layout. */
export function orderingEvidence(
  stateIndex: number,
  pathIndex: number,
  path: ReadonlyArray<DumpStep>,
  outcome: string,
): string {
  const ordering = path.map((s) => s.controllerId);
  return [
    `Ordering: [${ordering.join(", ")}]`,
    `Path: state[${stateIndex}].paths[${pathIndex}]`,
    `Steps: ${path.map((s, k) => `${k} (${s.controllerId})`).join(" → ")}`,
    `Outcome: ${outcome}`,
  ].join("\n");
}

const optional = <K extends string>(k: K, v: string | undefined) => (v === undefined ? {} : { [k]: v });

export function summarizePath(
  dump: string,
  state: TerminalState,
  stateIndex: number,
  pathIndex: number,
): PathSummary {
  const path = pathsOf(state)[pathIndex] ?? [];
  const steps = path.map(summarizeStep);
  const userActionSteps = steps.filter((s) => s.userAction || s.controllerId === USER).map((s) => s.index);
  const after = userActionSteps.length ? userActionSteps[0] + 1 : 0;
  const objectWrites: PathSummary["objectWrites"] = {};
  for (const s of steps) {
    for (const w of s.writes) {
      const at = { step: s.index, controllerId: s.controllerId };
      objectWrites[w.object] ??= { first: at, last: at };
      objectWrites[w.object].last = at;
    }
  }
  const text = outcomeText(state, path);
  return {
    dump,
    stateId: state.id,
    stateIndex,
    pathIndex,
    outcome: outcomeOf(state),
    ...(state.error ? { stateError: state.error } : {}),
    terminalHash: terminalHash(state),
    ordering: steps.map((s) => s.controllerId),
    steps,
    userActionSteps,
    errors: steps
      .filter((s) => s.error)
      .map((s) => ({ step: s.index, controllerId: s.controllerId, error: s.error ?? "" })),
    staleSteps: steps.filter((s) => s.stale).map((s) => s.index),
    ...optional("firstController", steps.find((s) => s.controllerId !== USER)?.controllerId),
    ...optional(
      "firstAfterUserAction",
      userActionSteps.length
        ? steps.slice(after).find((s) => s.controllerId !== USER)?.controllerId
        : undefined,
    ),
    objectWrites,
    outcomeText: text,
    evidence: orderingEvidence(stateIndex, pathIndex, path, text),
    citation: citeTerminal(dump, state, pathIndex),
  };
}

export interface PathFamily {
  /** "first": who ran first; "after-user-action": who ran first after the first user action. */
  by: "first" | "after-user-action";
  controller: string;
  paths: number;
  /** Terminal hash → paths. */
  outcomes: Record<string, number>;
}

export interface PathsResult {
  totalPaths: number;
  shown: number;
  paths: PathSummary[];
  /** Paths grouped by who ran first, and by who ran first after the user action ("registrar-first in 5 of 10"). */
  families: PathFamily[];
}

export interface PathsAccumulator {
  add(dumpId: string, dump: Dump): void;
  result(): PathsResult;
}

export function pathsAccumulator(opts: { stateId?: string; limit?: number } = {}): PathsAccumulator {
  const shown: PathSummary[] = [];
  const families = new Map<string, PathFamily>();
  let total = 0;
  return {
    add(dumpId, dump) {
      statesOf(dump).forEach((s, i) => {
        if (opts.stateId !== undefined && s.id !== opts.stateId) return;
        pathsOf(s).forEach((_, p) => {
          total++;
          const summary = summarizePath(dumpId, s, i, p);
          const keys: Array<[PathFamily["by"], string | undefined]> = [
            ["first", summary.firstController ?? "(none)"],
            ["after-user-action", summary.firstAfterUserAction],
          ];
          for (const [by, controller] of keys) {
            if (controller === undefined) continue;
            const f = families.get(`${by}\u0000${controller}`) ?? { by, controller, paths: 0, outcomes: {} };
            f.paths++;
            f.outcomes[summary.terminalHash] = (f.outcomes[summary.terminalHash] ?? 0) + 1;
            families.set(`${by}\u0000${controller}`, f);
          }
          if (opts.limit === undefined || shown.length < opts.limit) shown.push(summary);
        });
      });
    },
    result() {
      const list = [...families.values()].sort(
        (a, b) =>
          (a.by < b.by ? 1 : a.by > b.by ? -1 : 0) ||
          b.paths - a.paths ||
          (a.controller < b.controller ? -1 : 1),
      );
      return { totalPaths: total, shown: shown.length, paths: shown, families: list };
    },
  };
}

export function computePaths(
  dumps: Iterable<{ id: string; dump: Dump }>,
  opts: { stateId?: string; limit?: number } = {},
): PathsResult {
  const acc = pathsAccumulator(opts);
  for (const d of dumps) acc.add(d.id, d.dump);
  return acc.result();
}
