import { pathsOf, stepContentsHash, terminalObjects, writesOf } from "../../analysis/index.ts";
import type { Citation } from "../../formats/citation.ts";
import type { DumpStep, DumpResultState, Effect } from "../../formats/dump.ts";
import { keyString } from "../../formats/dump.ts";

/**
 * Facts a causal explanation is made of, read from two cited paths (the expected and the divergent one). Pure: the
 * paths come in parsed; nothing here guesses at controller code.
 */

/** One cited path: its dump id (for new citations), its terminal state and its steps. */
export interface CitedPath {
  citation: Citation;
  state: DumpResultState;
  steps: readonly DumpStep[];
}

export function citedPath(citation: Citation, state: DumpResultState): CitedPath | undefined {
  const steps = pathsOf(state)[citation.pathIndex];
  return steps ? { citation, state, steps } : undefined;
}

/** `group/Kind namespace/name` (cluster-scoped: no namespace). */
export function objectName(e: Pick<Effect, "Key">): string {
  const [group, kind, ns, ...name] = keyString(e.Key).split("/");
  return `${group}/${kind} ${ns ? `${ns}/` : ""}${name.join("/")}`;
}

/** The first step where the divergent path leaves the expected one: another controller, or another state after. */
export function departure(expected: CitedPath, divergent: CitedPath): number | undefined {
  const n = Math.max(expected.steps.length, divergent.steps.length);
  for (let k = 0; k < n; k++) {
    const e = expected.steps[k];
    const d = divergent.steps[k];
    if (!e || !d) return d ? k : undefined;
    if (e.controllerId !== d.controllerId || stepContentsHash(e) !== stepContentsHash(d)) return k;
  }
  return undefined;
}

export interface StepReads {
  /** The object a reconcile read first: the request it serves (controllers read their own object first). */
  request?: string;
  present: string[];
  /** Read and not found. */
  missing: string[];
  /** Reads served from a lagging cache: object, observed and current resourceVersion. */
  stale: Array<{ object: string; observed: number; current: number }>;
  error?: string;
}

export function readsOf(step: DumpStep): StepReads {
  const reads = (step.changes?.observations ?? []).filter((o) =>
    ["GET", "LIST"].includes(o.OpType.toUpperCase()),
  );
  const names = (f: (o: Effect) => boolean) => [...new Set(reads.filter(f).map(objectName))];
  return {
    request: reads[0] ? objectName(reads[0]) : undefined,
    present: names((o) => o.Version?.Value !== undefined),
    missing: names((o) => o.Version?.Value === undefined && o.OpType.toUpperCase() === "GET"),
    stale: (step.stalenessInfo ?? []).map((s) => {
      const [group, kind, ns, ...name] = s.Key.split("/");
      return {
        object: `${group}/${kind} ${ns ? `${ns}/` : ""}${name.join("/")}`,
        observed: s.ObservedRV,
        current: s.CurrentRV,
      };
    }),
    ...(step.error ? { error: step.error } : {}),
  };
}

export const writesText = (step: DumpStep) => writesOf(step).map((w) => `${w.OpType} ${objectName(w)}`);

/** Objects whose terminal content differs between the two states: absent in one, or another hash. */
export function terminalDifferences(expected: DumpResultState, divergent: DumpResultState) {
  const index = (s: DumpResultState) =>
    new Map(
      terminalObjects(s).map((o) => [
        keyString(o.key),
        { name: objectName({ Key: o.key }), hash: o.hash.Value },
      ]),
    );
  const e = index(expected);
  const d = index(divergent);
  const keys = [...new Set([...e.keys(), ...d.keys()])].sort();
  return {
    missing: keys
      .filter((k) => e.has(k) && !d.has(k))
      .map((k) => ({ key: k, name: e.get(k)?.name as string })),
    extra: keys.filter((k) => d.has(k) && !e.has(k)).map((k) => ({ key: k, name: d.get(k)?.name as string })),
    changed: keys
      .filter((k) => e.has(k) && d.has(k) && e.get(k)?.hash !== d.get(k)?.hash)
      .map((k) => ({ key: k, name: e.get(k)?.name as string })),
  };
}

/** Index of the last step of a path that wrote (or removed) the object, or -1. */
export function lastWriteStep(steps: readonly DumpStep[], key: string): number {
  for (let k = steps.length - 1; k >= 0; k--)
    if (writesOf(steps[k] as DumpStep).some((w) => keyString(w.Key) === key)) return k;
  return -1;
}

/** Index of the first step of a path that wrote the object (its creation, for objects a path adds), or -1. */
export function firstWriteStep(steps: readonly DumpStep[], key: string, from = 0): number {
  for (let k = from; k < steps.length; k++)
    if (writesOf(steps[k] as DumpStep).some((w) => keyString(w.Key) === key)) return k;
  return -1;
}

/**
 * Objects a step read that another controller wrote only later on the same path: the step decided before that
 * write landed (the ordering a race turns on).
 */
export function readBeforeUpdate(
  steps: readonly DumpStep[],
  at: number,
): Array<{ object: string; step: number; controller: string }> {
  const s = steps[at];
  if (!s) return [];
  const read = new Map(
    (s.changes?.observations ?? [])
      .filter((o) => o.Version?.Value !== undefined)
      .map((o) => [keyString(o.Key), objectName(o)] as const),
  );
  const out: Array<{ object: string; step: number; controller: string }> = [];
  for (const [key, object] of read) {
    for (let k = at + 1; k < steps.length; k++) {
      const w = steps[k] as DumpStep;
      if (w.controllerId !== s.controllerId && writesOf(w).some((e) => keyString(e.Key) === key)) {
        out.push({ object, step: k, controller: w.controllerId });
        break;
      }
    }
  }
  return out;
}

/** Later steps of the same controller for the same request (its next reconciles of that object). */
export function laterReconciles(steps: readonly DumpStep[], from: number): number[] {
  const at = steps[from];
  if (!at) return [];
  const request = readsOf(at).request;
  const out: number[] = [];
  for (let k = from + 1; k < steps.length; k++) {
    const s = steps[k] as DumpStep;
    if (s.controllerId === at.controllerId && readsOf(s).request === request) out.push(k);
  }
  return out;
}
