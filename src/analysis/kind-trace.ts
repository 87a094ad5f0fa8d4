import type { DumpStep } from "../formats/dump.ts";
import { keyKind, keyString } from "../formats/dump.ts";
import { depthBefore, writesOf } from "./dump-model.ts";

/**
 * Per-kind history of one path (Phase J step 2): where each kind's sequence advanced, who created what, and which
 * controllers observed the kind. Sequences are the global write numbers staleAt/catchUpAt refer to.
 */

export interface KindAdvance {
  step: number;
  depth: number;
  controllerId: string;
  before: number;
  after: number;
  ops: string[];
}

export interface KindTrace {
  kind: string;
  /** Frontier before the first step (0 when the kind did not exist). */
  initial: number;
  final: number;
  advances: KindAdvance[];
  creates: Array<{ step: number; controllerId: string; object: string }>;
  /** Steps that read the kind (GET/LIST observations, newer dumps only). */
  observedBy: Array<{ step: number; controllerId: string }>;
}

export function kindTraces(path: ReadonlyArray<DumpStep>): KindTrace[] {
  const traces = new Map<string, KindTrace>();
  const get = (kind: string) => {
    let t = traces.get(kind);
    if (!t) {
      const initial = path[0]?.kindSeqBefore?.[kind] ?? 0;
      t = { kind, initial, final: initial, advances: [], creates: [], observedBy: [] };
      traces.set(kind, t);
    }
    return t;
  };
  for (const kind of Object.keys(path[0]?.kindSeqBefore ?? {})) get(kind);
  path.forEach((step, k) => {
    const before = step.kindSeqBefore ?? {};
    const after = step.kindSeqAfter ?? {};
    const writes = writesOf(step);
    const kinds = new Set([...Object.keys(after), ...writes.map((e) => keyKind(e.Key))]);
    for (const kind of kinds) {
      const b = before[kind] ?? 0;
      const a = after[kind] ?? b;
      const t = get(kind);
      if (a > b) {
        const ops = [...new Set(writes.filter((e) => keyKind(e.Key) === kind).map((e) => e.OpType))];
        t.advances.push({
          step: k,
          depth: depthBefore(k),
          controllerId: step.controllerId,
          before: b,
          after: a,
          ops,
        });
        t.final = a;
      }
      for (const e of writes)
        if (keyKind(e.Key) === kind && e.OpType.toUpperCase() === "CREATE")
          t.creates.push({ step: k, controllerId: step.controllerId, object: keyString(e.Key) });
    }
    for (const o of step.changes?.observations ?? [])
      get(keyKind(o.Key)).observedBy.push({ step: k, controllerId: step.controllerId });
  });
  return [...traces.values()].sort((a, b) => (a.kind < b.kind ? -1 : 1));
}

/** Frontier values the kind takes on the path, in order (initial first when the kind existed). */
export function frontierValues(t: KindTrace): number[] {
  return [...(t.initial > 0 ? [t.initial] : []), ...t.advances.map((a) => a.after)];
}
