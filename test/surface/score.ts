import type { SurfaceController, SurfaceMap } from "../../src/formats/surface-map.ts";

/**
 * Scoring a surface map against a hand-checked expected map (written by reading the operator's code). Items
 * per category:
 * - triggers: `for <kind>` and `watch <kind>` (Owns and Watches both re-trigger the controller on a change);
 * - reads: `<GET|LIST> <kind>`, with ` [uncached]` / ` [remote]` when the read bypasses the manager's cache;
 * - writes: `<OP> <kind>`, with `/status` for status writes (spec and metadata writes are one item: both are
 *   writes of the object itself);
 * - registration: the controller's ID, when it is registered;
 * - shared state: names of sharedState entries, judged genuine or not by hand.
 */
export interface ExpectedController {
  registered: boolean;
  triggers: string[];
  reads: string[];
  writes: string[];
  why?: string;
}

export interface ExpectedOperator {
  name: string;
  module: string;
  version: string;
  style: string;
  controllers: Record<string, ExpectedController>;
  /** Every shared-state entry a correct map lists, judged by reading the code. */
  sharedState: string[];
  /** Why each shared-state entry is (or a tempting one is not) genuine. */
  sharedStateWhy?: string;
  notes?: string;
}

export const CATEGORIES = ["triggers", "reads", "writes", "registration", "sharedState"] as const;
export type Category = (typeof CATEGORIES)[number];

export interface Tally {
  tp: number;
  fp: number;
  fn: number;
  misses: string[];
  extras: string[];
}

export const emptyTally = (): Tally => ({ tp: 0, fp: 0, fn: 0, misses: [], extras: [] });

export function triggerItems(c: SurfaceController): string[] {
  return [
    ...(c.for ? [`for ${c.for}`] : []),
    ...c.owns.map((k) => `watch ${k}`),
    ...c.watches.map((w) => `watch ${w.kind}`),
  ];
}

export function readItems(c: SurfaceController): string[] {
  return c.reads.map((r) => `${r.op ?? "GET"} ${r.kind}${r.client ? ` [${r.client}]` : ""}`);
}

export function writeItems(c: SurfaceController): string[] {
  return c.writes.map((w) => `${w.op} ${w.kind}${w.surface === "status" ? "/status" : ""}`);
}

function compare(t: Tally, expected: string[], actual: string[], prefix: string): void {
  const want = new Set(expected);
  const got = new Set(actual);
  for (const x of got) {
    if (want.has(x)) t.tp++;
    else {
      t.fp++;
      t.extras.push(`${prefix}${x}`);
    }
  }
  for (const x of want)
    if (!got.has(x)) {
      t.fn++;
      t.misses.push(`${prefix}${x}`);
    }
}

export function scoreOperator(map: SurfaceMap, exp: ExpectedOperator): Record<Category, Tally> {
  const out = Object.fromEntries(CATEGORIES.map((c) => [c, emptyTally()])) as Record<Category, Tally>;
  for (const [id, want] of Object.entries(exp.controllers)) {
    const c = map.controllers.find((x) => x.id === id);
    const p = `${id}: `;
    compare(out.triggers, want.triggers, c ? triggerItems(c) : [], p);
    compare(out.reads, want.reads, c ? readItems(c) : [], p);
    compare(out.writes, want.writes, c ? writeItems(c) : [], p);
    compare(out.registration, want.registered ? [id] : [], c?.registered ? [id] : [], "");
  }
  compare(
    out.sharedState,
    exp.sharedState,
    map.sharedState.map((s) => s.name),
    "",
  );
  return out;
}

export function add(a: Tally, b: Tally): Tally {
  return {
    tp: a.tp + b.tp,
    fp: a.fp + b.fp,
    fn: a.fn + b.fn,
    misses: [...a.misses, ...b.misses],
    extras: [...a.extras, ...b.extras],
  };
}

/** Precision and recall; a category with nothing expected and nothing found is 1 (nothing to get wrong). */
export function rates(t: Tally): { precision: number; recall: number } {
  return {
    precision: t.tp + t.fp === 0 ? 1 : t.tp / (t.tp + t.fp),
    recall: t.tp + t.fn === 0 ? 1 : t.tp / (t.tp + t.fn),
  };
}

export const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
