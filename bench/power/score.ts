import type { Finding } from "../../src/formats/records.ts";
import type { Expectation, SymptomRef } from "./expect.ts";

/**
 * Pure scoring: does a confirmed finding name the planted symptom, and what do the systems add up to.
 * A finding's own `symptom` field (invariants violated, objects involved) is used when the record has one; older
 * records are matched on their text (title, summary, claim), where the judge names objects as kind/namespace/name.
 */

interface RecordedSymptom {
  kind?: string;
  invariants?: string[];
  objects?: SymptomRef[];
}

const symptomOf = (f: Finding): RecordedSymptom | undefined =>
  typeof f.symptom === "object" && f.symptom !== null ? (f.symptom as RecordedSymptom) : undefined;

const sameRef = (a: SymptomRef, b: SymptomRef) =>
  a.kind === b.kind && a.namespace === b.namespace && a.name === b.name;

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** `apps/Deployment/default/web`, `core/Namespace//t`, `core/Namespace/t` (how reports name an object). */
function namesObject(text: string, o: SymptomRef): boolean {
  const ns = o.namespace ? `${escapeRe(o.namespace)}/` : "/?";
  return new RegExp(`${escapeRe(o.kind)}/${ns}${escapeRe(o.name)}(?![\\w.-])`).test(text);
}

export function matchesSymptom(f: Finding, expect: Expectation): boolean {
  const want = expect.symptom;
  const recorded = symptomOf(f);
  if (recorded) {
    const inv = (want.invariants ?? []).some((n) => (recorded.invariants ?? []).includes(n));
    const obj = (want.objects ?? []).some((o) => (recorded.objects ?? []).some((r) => sameRef(o, r)));
    return inv || obj;
  }
  const text = [f.title, f.summary ?? "", f.mechanism ?? ""].join("\n");
  return (
    (want.invariants ?? []).some((n) => text.includes(n)) ||
    (want.objects ?? []).some((o) => namesObject(text, o))
  );
}

export interface SystemResult {
  name: string;
  expect: Expectation;
  confirmed: Array<{ id: string; title: string; hypothesis?: string; matched: boolean; symptom?: string }>;
  /** States until the first confirmation that matches the planted symptom (planted systems only). */
  statesToMatch?: number;
  huntStates: number;
  ms: number;
  error?: string;
}

export const recalled = (r: SystemResult) => r.expect.planted && r.confirmed.some((c) => c.matched);

export interface Figures {
  systems: number;
  recall: number;
  precision: number;
  twins: number;
  twinsClean: number;
  maxStates: number;
  maxHuntStates: number;
}

/** recall = planted systems recalled / planted; precision = true confirmed / all confirmed (1 when none). */
export function figures(results: readonly SystemResult[]): Figures {
  const planted = results.filter((r) => r.expect.planted);
  const clean = results.filter((r) => !r.expect.planted);
  const all = results.flatMap((r) => r.confirmed.map((c) => ({ r, c })));
  const truePos = all.filter(({ r, c }) => r.expect.planted && c.matched).length;
  return {
    systems: results.length,
    recall: planted.length ? planted.filter(recalled).length / planted.length : 1,
    precision: all.length ? truePos / all.length : 1,
    twins: clean.length,
    twinsClean: clean.filter((r) => r.confirmed.length === 0 && !r.error).length,
    maxStates: Math.max(0, ...planted.map((r) => r.statesToMatch ?? 0)),
    maxHuntStates: Math.max(0, ...results.map((r) => r.huntStates)),
  };
}
