import { type Dump, type DumpStep, keyKind, keyString } from "../../formats/dump.ts";
import type { Surface, SurfaceRead, SurfaceWrite, WriteOp } from "../../formats/surface-map.ts";
import { writeLabel } from "./go-model.ts";

/** What one controller was seen doing in reference runs. */
export interface ObservedController {
  writes: SurfaceWrite[];
  reads: SurfaceRead[];
  writesPerReconcile: number;
  writeOrder: string[];
  steps: number;
}

const WRITE_OPS = new Set(["CREATE", "UPDATE", "PATCH", "APPLY", "DELETE"]);
const PSEUDO = new Set(["External User", "CleanupReconciler"]);
const VOLATILE_META = ["resourceVersion", "generation", "managedFields", "uid", "creationTimestamp"];

type Obj = Record<string, unknown>;

function strip(meta: unknown): unknown {
  if (!meta || typeof meta !== "object") return meta;
  const m = { ...(meta as Obj) };
  for (const k of VOLATILE_META) delete m[k];
  return m;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Which part of an object a write changed; "spec" when the versions are not in the dump. */
export function changedSurface(before: Obj | undefined, after: Obj | undefined, op: string): Surface {
  if (op === "CREATE" || op === "DELETE") return "any";
  if (!before || !after) return "spec";
  const rest = (o: Obj) => {
    const { metadata: _m, status: _s, apiVersion: _a, kind: _k, ...r } = o;
    return r;
  };
  if (!same(rest(before), rest(after))) return "spec";
  if (!same(before.status, after.status)) return "status";
  if (!same(strip(before.metadata), strip(after.metadata))) return "metadata";
  return "any";
}

/**
 * Observed writes per controller, from reference dumps: per (kind, op, surface) the most seen in one step, the
 * most writes in one reconcile, and the order of the busiest reconcile (pure).
 */
export function observeControllers(dumps: Dump[]): Map<string, ObservedController> {
  const out = new Map<string, ObservedController>();
  for (const dump of dumps) {
    const objects = new Map<string, Obj>((dump.objects ?? []).map((o) => [o.hash.Value, o.object as Obj]));
    for (const state of dump.states ?? [])
      for (const path of state.paths ?? []) {
        const current = new Map<string, string>();
        for (const step of path ?? []) {
          observeStep(step, objects, current, out);
          for (const v of step.stateAfter ?? step.changes.objectVersions ?? [])
            current.set(keyString(v.key), v.hash.Value);
        }
      }
  }
  return out;
}

function observeStep(
  step: DumpStep,
  objects: Map<string, Obj>,
  current: Map<string, string>,
  out: Map<string, ObservedController>,
): void {
  if (PSEUDO.has(step.controllerId)) return;
  const c = out.get(step.controllerId) ?? {
    writes: [],
    reads: [],
    writesPerReconcile: 0,
    writeOrder: [],
    steps: 0,
  };
  out.set(step.controllerId, c);
  c.steps++;
  const before = new Map(current);
  for (const v of step.stateBefore ?? []) before.set(keyString(v.key), v.hash.Value);
  const tally = new Map<string, SurfaceWrite>();
  const order: string[] = [];
  for (const e of step.changes.effects ?? []) {
    if (!WRITE_OPS.has(e.OpType)) continue;
    const kind = keyKind(e.Key);
    const prev = before.get(keyString(e.Key));
    const surface: Surface =
      e.subresource === "status"
        ? "status"
        : changedSurface(
            prev ? objects.get(prev) : undefined,
            e.Version ? objects.get(e.Version.Value) : undefined,
            e.OpType,
          );
    const w = { kind, op: e.OpType as WriteOp, surface };
    order.push(writeLabel(w));
    const key = `${kind}|${e.OpType}|${surface}`;
    const t = tally.get(key) ?? { ...w, count: 0 };
    t.count++;
    tally.set(key, t);
  }
  for (const t of tally.values()) {
    const prev = c.writes.find((w) => w.kind === t.kind && w.op === t.op && w.surface === t.surface);
    if (prev) prev.count = Math.max(prev.count, t.count);
    else c.writes.push(t);
  }
  if (order.length > c.writesPerReconcile) {
    c.writesPerReconcile = order.length;
    c.writeOrder = order;
  }
  for (const o of step.changes.observations ?? []) {
    const op = o.OpType === "LIST" ? "LIST" : "GET";
    const kind = keyKind(o.Key);
    if (!c.reads.some((r) => r.kind === kind && r.op === op)) c.reads.push({ kind, op });
  }
}
