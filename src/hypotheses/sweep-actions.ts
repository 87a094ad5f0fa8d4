import { actionsOf, type Scenario } from "../formats/workflow.ts";
import { objectKind, type ReferenceFacts, USER_CONTROLLER } from "./reference-facts.ts";

/**
 * The user-action timing sweep (kamera's closed-loop interleaving, issue #11): an input fires at each depth
 * between the previous input's firing depth and its own on the reference path, instead of at quiescence. Timed
 * inputs: every UPDATE and DELETE, and every CREATE after the first (the first one starts the run).
 */

export interface SweptDepth {
  depth: number;
  /** Controllers whose reconciles on the reference path fall between this depth and the input's own. */
  racing: string[];
  note: string;
}

export interface ActionSweep {
  index: number;
  /** What the engine runs: a CREATE of a seeded object is an UPDATE. */
  opType: string;
  /** `group/Kind/namespace/name` of the input's object. */
  key: string;
  /** Depth at which the input fired on the reference path (undefined: it never fired there). */
  firedAt?: number;
  /** Controllers pending right after the input fired on the reference path: what it triggers. */
  triggered: string[];
  depths: SweptDepth[];
  reason?: string;
}

/** Steps the engine takes itself: nothing for an input to race with. */
const PSEUDO = new Set([USER_CONTROLLER, "CleanupReconciler", "GarbageCollector"]);

const keyOf = (o: { apiVersion: string; kind: string; metadata?: { namespace?: string; name?: string } }) =>
  `${objectKind(o)}/${o.metadata?.namespace ?? ""}/${o.metadata?.name ?? ""}`;

function effectiveOp(scenario: Scenario, index: number): string {
  const a = actionsOf(scenario)[index];
  if (!a) return "";
  const seeded = (scenario.environmentState?.objects ?? []).some((o) => keyOf(o) === keyOf(a.object));
  return a.opType === "CREATE" && seeded ? "UPDATE" : a.opType;
}

/** Inputs worth timing: UPDATEs and DELETEs, and CREATEs after the first. */
export function timedInputs(scenario: Scenario): number[] {
  return actionsOf(scenario).flatMap((_, i) => (effectiveOp(scenario, i) !== "CREATE" || i > 0 ? [i] : []));
}

/** Keys live (and terminating) after each step, so an input is tried only where it can succeed. */
function liveness(facts: ReferenceFacts, scenario: Scenario) {
  const live = new Set((scenario.environmentState?.objects ?? []).map(keyOf));
  const dying = new Set<string>();
  const at: Array<{ live: Set<string>; dying: Set<string> }> = [{ live: new Set(live), dying: new Set() }];
  for (const s of facts.steps) {
    for (const w of s.writes) {
      if (w.opType === "CREATE") live.add(w.key);
      else if (w.opType === "DELETE") dying.add(w.key);
      else if (w.opType === "REMOVE") {
        live.delete(w.key);
        dying.delete(w.key);
      }
    }
    at.push({ live: new Set(live), dying: new Set(dying) });
  }
  return at;
}

/** First, then midpoints (breadth first), so a capped prefix of the list spreads over the whole range. */
export function spreadOrder<T>(items: readonly T[]): T[] {
  if (items.length <= 1) return [...items];
  const [head, ...rest] = items;
  const out: T[] = [head as T];
  let segments: T[][] = [rest];
  while (segments.length > 0) {
    const next: T[][] = [];
    for (const seg of segments) {
      if (seg.length === 0) continue;
      const mid = Math.floor((seg.length - 1) / 2);
      out.push(seg[mid] as T);
      next.push(seg.slice(0, mid), seg.slice(mid + 1));
    }
    segments = next;
  }
  return out;
}

export function sweepActionDepths(facts: ReferenceFacts, scenario: Scenario, index: number): ActionSweep {
  const action = actionsOf(scenario)[index];
  const opType = effectiveOp(scenario, index);
  const key = action ? keyOf(action.object) : "";
  const fired = facts.steps.find((s) => s.actionIndex === index);
  const triggered = [...new Set((fired?.pendingAfter ?? []).filter((c) => !PSEUDO.has(c)))].sort();
  const base = { index, opType, key, triggered };
  const firedAt = fired?.depth;
  if (!action || firedAt === undefined)
    return { ...base, depths: [], reason: `input ${index} does not fire on the reference path` };
  const prev = index === 0 ? -1 : facts.steps.find((s) => s.actionIndex === index - 1)?.depth;
  if (prev === undefined)
    return { ...base, firedAt, depths: [], reason: `input ${index - 1} does not fire on the reference path` };
  const states = liveness(facts, scenario);
  const fromCreate = action.opType === "CREATE" && opType === "UPDATE";
  const fits = (d: number) => {
    const s = states[d];
    if (!s || fromCreate) return s !== undefined;
    if (opType === "CREATE") return !s.live.has(key);
    return s.live.has(key) && !(opType === "DELETE" && s.dying.has(key));
  };
  const depths: number[] = [];
  for (let d = prev + 1; d < firedAt; d++)
    // A depth right after a step that wrote nothing shows the input the same state as the depth before it.
    if (fits(d) && (d === prev + 1 || (facts.steps[d - 1]?.writes.length ?? 0) > 0)) depths.push(d);
  const label = `${opType} ${key}`;
  const swept = spreadOrder(depths).flatMap((d): SweptDepth[] => {
    const racing = [
      ...new Set(
        facts.steps
          .slice(d, firedAt)
          .map((s) => s.controllerId)
          .filter((c) => !PSEUDO.has(c)),
      ),
    ];
    const after = prev < 0 ? "before any reconcile" : `${d - prev - 1} step(s) after input ${index - 1}`;
    if (racing.length === 0) return [];
    const note = `ready depth ${d}: ${label} lands ${after}, while ${racing.join(", ")} still has work (at quiescence it fired at depth ${firedAt})`;
    return [{ depth: d, racing, note }];
  });
  const reason =
    swept.length > 0
      ? undefined
      : firedAt === prev + 1
        ? `input ${index} fires right after ${prev < 0 ? "the start" : `input ${index - 1}`} on the reference path: there is no depth in between`
        : `no depth between ${prev + 1} and ${firedAt - 1} where ${label} can land (${opType === "CREATE" ? "the object already exists" : "the object does not exist yet"})`;
  return { ...base, firedAt, depths: swept, ...(reason ? { reason } : {}) };
}
