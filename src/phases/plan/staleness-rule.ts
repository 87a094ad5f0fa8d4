import { sweepStalenessWindows } from "../../hypotheses/sweep-staleness.ts";
import { controllerOf, triggerKinds, writeKinds } from "./surface-facts.ts";
import type { PlannerInput, PlannerRule, Proposal, ReferenceView, RuleName } from "./types.ts";

/** Score of the first window of a family; each further window ranks 6 lower (most distinct first). */
const FIRST = 85;
export const SWEEP_STEP = 6;

/**
 * (reader, kind) pairs the reader reads without a watch: the surface map's vulnerability windows, plus kinds the
 * reader was seen reading on this reference path (ctx.get / ctx.list observations).
 */
function unwatchedReads(input: PlannerInput, ref: ReferenceView): Array<{ reader: string; kind: string }> {
  const pairs = new Map<string, { reader: string; kind: string }>();
  const add = (reader: string, kind: string) => {
    const c = controllerOf(input.map, reader);
    if (!c || triggerKinds(c).has(kind) || !ref.facts.controllersSeen.includes(reader)) return;
    pairs.set(`${reader}\u0000${kind}`, { reader, kind });
  };
  for (const w of input.map.vulnerabilityWindows) add(w.reader, w.kind);
  for (const s of ref.facts.steps) for (const r of s.reads) add(s.controllerId, r.kind);
  return [...pairs.values()].sort((a, b) =>
    a.reader === b.reader ? (a.kind < b.kind ? -1 : 1) : a.reader < b.reader ? -1 : 1,
  );
}

function writersOf(input: PlannerInput, reader: string, kind: string): string[] {
  const w = input.map.vulnerabilityWindows.find((x) => x.reader === reader && x.kind === kind);
  const others = w
    ? w.writers.filter((x) => x !== "External User")
    : input.map.controllers.filter((c) => c.id !== reader && writeKinds(c).has(kind)).map((c) => c.id);
  if (others.length) return others;
  // No other controller writes it: the map's placeholder says users do; when the reader writes it itself, say so.
  const self = controllerOf(input.map, reader);
  return self && writeKinds(self).has(kind) ? [`${reader} itself`] : ["External User"];
}

type Window = ReturnType<typeof sweepStalenessWindows>["windows"][number];

/** One staleness hypothesis per window, ranked in sweep order. */
function windowProposals(
  ref: ReferenceView,
  reader: string,
  kind: string,
  windows: readonly Window[],
  how: {
    rule: RuleName;
    first: number;
    family: string;
    claim: (label: string, steps: string, what: string) => string;
  },
): Proposal[] {
  return windows.map((w, rank): Proposal => {
    const label = `[${w.staleAt}, ${w.catchUpAt})`;
    const missed = [...new Set(w.stale.flatMap((x) => x.misses.map((m) => m.replace(/ \(step \d+\)$/, ""))))];
    const what = `${missed.slice(0, 3).join(", ")}${missed.length > 3 ? `, … (${missed.length} writes)` : ""}`;
    const steps = w.stale.map((x) => x.step).join(", ");
    return {
      scenario: ref.file,
      scenarioName: ref.scenario.name,
      key: `stale:${ref.file}#${ref.scenario.name}:${reader}:${kind}@${w.staleAt}-${w.catchUpAt}`,
      rule: how.rule,
      type: "staleness",
      claim: how.claim(label, steps, what),
      controllers: [reader],
      kinds: [kind],
      parameters: { staleAt: w.staleAt, catchUpAt: w.catchUpAt, deactivateAtDepth: w.deactivateAtDepth },
      score: how.first - SWEEP_STEP * rank,
      severity: "P1",
      sweep: { dimension: "staleness", family: how.family, rank, label },
    };
  });
}

/**
 * A controller reads a kind it does not watch → one staleness hypothesis per distinct window of the sweep over
 * the reference's KindSequence range of that kind (windows that open before the kind exists included).
 */
export const staleReadWithoutWatch: PlannerRule = (input, ref) =>
  unwatchedReads(input, ref).flatMap(({ reader, kind }) => {
    const writers = writersOf(input, reader, kind).join(", ");
    return windowProposals(ref, reader, kind, sweepStalenessWindows(ref.facts, reader, kind).windows, {
      rule: "stale-read-without-watch",
      first: FIRST,
      family: `${reader} reads ${kind}`,
      claim: (label, steps, what) =>
        `${reader} acts on a stale ${kind} (written by ${writers}; not watched): with its cache lagging in window ${label} its reconcile at step(s) ${steps} misses ${what}, and nothing re-queues it when the cache catches up`,
    });
  });

/**
 * A controller reads a kind it watches and writes itself → windows that hide only its own writes: it acts again
 * before its cache shows what it just did (missing "expectations"), e.g. creates twice; or, listing its own `for`
 * kind, it decides about one object from a cache that does not show what it just wrote to another (two objects
 * given the same port, name or slot). Ranked below the unwatched reads and sampled races: a watch re-queues it once
 * the cache catches up, so fewer bugs hide here.
 */
export const staleOwnWrite: PlannerRule = (input, ref) =>
  ownWatchedReads(input, ref).flatMap(({ reader, kind, peers }) =>
    windowProposals(
      ref,
      reader,
      kind,
      sweepStalenessWindows(ref.facts, reader, kind, peers ? { ownWritesToPeers: true } : { ownWrites: true })
        .windows,
      {
        rule: "stale-own-write",
        first: FIRST - 2 * SWEEP_STEP,
        family: `${reader} reads its own ${kind}`,
        claim: (label, steps, what) =>
          peers
            ? `${reader} decides from a listing of its own ${kind} that does not show its own latest writes: with its view lagging in window ${label} its reconcile at step(s) ${steps} misses ${what} it made itself to another ${kind}, and decides as if it had not`
            : `${reader} acts on a cache that does not show its own writes yet: with its view of ${kind} lagging in window ${label} its reconcile at step(s) ${steps} misses ${what} it made itself, and acts again on that`,
      },
    ),
  );

/**
 * Watched kinds a controller both reads and writes on this reference path: kinds other than its `for` kind, and its
 * `for` kind when it lists it (`peers`: it looks at the other objects of its kind, not only its request).
 */
function ownWatchedReads(
  input: PlannerInput,
  ref: ReferenceView,
): Array<{ reader: string; kind: string; peers: boolean }> {
  const pairs = new Map<string, { reader: string; kind: string; peers: boolean }>();
  for (const s of ref.facts.steps) {
    const c = controllerOf(input.map, s.controllerId);
    if (!c) continue;
    const written = new Set(
      ref.facts.steps.filter((x) => x.controllerId === c.id).flatMap((x) => x.writes.map((w) => w.kind)),
    );
    for (const r of s.reads) {
      if (!triggerKinds(c).has(r.kind) || !written.has(r.kind)) continue;
      const peers = r.kind === c.for;
      if (peers && r.key !== undefined) continue; // a GET of its request or a named peer: no listing
      pairs.set(`${c.id}\u0000${r.kind}`, { reader: c.id, kind: r.kind, peers });
    }
  }
  return [...pairs.values()];
}

/**
 * A controller writes a kind it watches that another controller also writes → windows under which it writes an
 * object without seeing the other's change yet: a lost update, or a list (finalizers, conditions) replaced from a
 * stale copy. The watch re-queues it when its cache catches up, but the overwrite has landed by then; a write
 * guarded by the resourceVersion it read is refused with Conflict instead. Ranked with stale-own-write.
 */
export const staleSharedWrite: PlannerRule = (input, ref) =>
  sharedWatchedWrites(input, ref).flatMap(({ reader, kind, others }) =>
    windowProposals(
      ref,
      reader,
      kind,
      sweepStalenessWindows(ref.facts, reader, kind, { othersWrites: true }).windows,
      {
        rule: "stale-shared-write",
        first: FIRST - 2 * SWEEP_STEP,
        family: `${reader} writes ${kind} after ${others.join(", ")}`,
        claim: (label, steps, what) =>
          `${reader} overwrites a ${kind} from a stale copy: with its view lagging in window ${label} its reconcile at step(s) ${steps} misses ${what} (${kind} is also written by ${others.join(", ")}) and writes that object anyway, undoing the change`,
      },
    ),
  );

/** Watched kinds a controller writes on this reference path where another controller writes the same objects. */
function sharedWatchedWrites(
  input: PlannerInput,
  ref: ReferenceView,
): Array<{ reader: string; kind: string; others: string[] }> {
  const writers = new Map<string, Set<string>>(); // kind \0 key → controllers writing it
  for (const s of ref.facts.steps)
    for (const w of s.writes) {
      const slot = `${w.kind}\u0000${w.key}`;
      writers.set(slot, (writers.get(slot) ?? new Set()).add(s.controllerId));
    }
  const pairs = new Map<string, { reader: string; kind: string; others: Set<string> }>();
  for (const [slot, ids] of writers) {
    if (ids.size < 2) continue;
    const kind = slot.slice(0, slot.indexOf("\u0000"));
    for (const reader of ids) {
      const c = controllerOf(input.map, reader);
      if (!c || !triggerKinds(c).has(kind)) continue;
      const p = pairs.get(`${reader}\u0000${kind}`) ?? { reader, kind, others: new Set<string>() };
      for (const o of ids) if (o !== reader) p.others.add(o);
      pairs.set(`${reader}\u0000${kind}`, p);
    }
  }
  return [...pairs.values()]
    .map((p) => ({ reader: p.reader, kind: p.kind, others: [...p.others].sort() }))
    .sort((a, b) => (a.reader === b.reader ? (a.kind < b.kind ? -1 : 1) : a.reader < b.reader ? -1 : 1));
}
