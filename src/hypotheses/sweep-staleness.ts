import type { ReferenceFacts, StepFact } from "./reference-facts.ts";

/**
 * The staleness sweep (issue #11, planner): every window (staleAt, catchUpAt) over the reference's KindSequence
 * range of one kind, as one reader would see it. Two windows that hide the same writes at the reader's reconcile
 * steps are one window; a window that hides nothing the reader reads is no window. Ranked most distinct first.
 */

/** One window of the sweep and what the reader misses under it on the reference path. */
export interface SweptWindow {
  staleAt: number;
  catchUpAt: number;
  /**
   * The cache also catches up right after the reader's last stale read on the reference path: a real informer
   * always catches up, even when no later write of the kind comes (a stalled branch would otherwise keep the
   * reader stale forever, e.g. retrying a conflicting update that any real retry would win).
   */
  deactivateAtDepth: number;
  /** Reader steps that read a stale view, each with the writes it misses (`OP key (step n)`). */
  stale: Array<{ step: number; misses: string[] }>;
  /** The window hides the creation of an object the reader reads (it opens before that object exists). */
  hidesCreation: boolean;
  note: string;
}

export interface StalenessSweep {
  windows: SweptWindow[];
  /** Distinct KindSequence values of the kind on the path (0 = not created yet). */
  frontiers: number[];
  /** Why there is no window, when there is none. */
  reason?: string;
}

/** The step that moved the kind's frontier to `seq`, with its writes of that kind. */
interface Advance {
  seq: number;
  step: StepFact;
}

interface ReaderStep {
  step: StepFact;
  /** Index into the frontiers of the kind's sequence when the reader ran. */
  at: number;
  /** Keys it read; undefined = any object of the kind (a LIST, or a dump without observations). */
  keys?: Set<string>;
}

function advances(facts: ReferenceFacts, kind: string): { frontiers: number[]; advances: Advance[] } {
  const start = facts.initialKindSeq[kind] ?? 0;
  const out: Advance[] = [];
  let last = start;
  for (const s of facts.steps) {
    const v = s.kindSeqAfter[kind] ?? 0;
    if (v > last) {
      out.push({ seq: v, step: s });
      last = v;
    }
  }
  return { frontiers: [start, ...out.map((a) => a.seq)], advances: out };
}

function readerSteps(facts: ReferenceFacts, reader: string, kind: string, frontiers: number[]): ReaderStep[] {
  const mine = facts.steps.filter((s) => s.controllerId === reader);
  // Dumps without observations: every reconcile may read the kind.
  const observed = mine.some((s) => s.reads.length > 0);
  const out: ReaderStep[] = [];
  for (const s of mine) {
    const reads = s.reads.filter((r) => r.kind === kind);
    if (observed && reads.length === 0) continue;
    const seq = s.kindSeqBefore[kind] ?? 0;
    let at = 0;
    frontiers.forEach((f, i) => {
      if (f <= seq) at = i;
    });
    const list = !observed || reads.some((r) => r.key === undefined);
    out.push({ step: s, at, ...(list ? {} : { keys: new Set(reads.map((r) => r.key as string)) }) });
  }
  return out;
}

/** What a reader step misses when its view is pinned at frontier index j. */
function misses(r: ReaderStep, j: number, adv: Advance[], kind: string): string[] {
  const out: string[] = [];
  for (let i = j; i < r.at; i++) {
    const a = adv[i] as Advance;
    for (const w of a.step.writes)
      if (w.kind === kind && (!r.keys || r.keys.has(w.key)))
        out.push(`${w.opType} ${w.key} (step ${a.step.index})`);
  }
  return out;
}

/**
 * Candidates (j, m): pinned at frontier j, open until just past frontier m (a frontier some reader step ran at),
 * in the order that tries the most distinct first: from the start (before the kind exists, when it is created
 * during the run) until after the first read; hiding only the last write before the last read; from the start
 * through the last read; the same two shapes for the other reads; then every other pin.
 */
function rankedCandidates(reads: ReaderStep[], adv: Advance[], kind: string): Array<[number, number]> {
  const ms = [...new Set(reads.map((r) => r.at))].filter((m) => m > 0).sort((a, b) => a - b);
  if (ms.length === 0) return [];
  const narrow = (m: number): number => {
    for (let j = m - 1; j > 0; j--)
      if (reads.some((r) => r.at === m && misses(r, j, adv, kind).length > 0)) return j;
    return 0;
  };
  const first = ms[0] as number;
  const last = ms[ms.length - 1] as number;
  const desc = [...ms].reverse();
  const out: Array<[number, number]> = [
    [0, first],
    [narrow(last), last],
    [0, last],
  ];
  for (const m of desc) out.push([narrow(m), m]);
  for (const m of desc) out.push([0, m]);
  for (const m of desc) for (let j = 0; j < m; j++) out.push([j, m]);
  return out;
}

/** The frontier advances a reader step pinned at frontier j does not see. */
const hiddenFrom = (r: ReaderStep, j: number, adv: Advance[]): Advance[] => adv.slice(j, Math.max(j, r.at));

/**
 * Every write the covered reader steps miss is a CREATE the reader made itself. Only creates: the engine does not
 * re-deliver a watched kind's held-back events when the window closes, so a controller that would recompute from
 * them (a status from its children) would look broken; a duplicate create stays wrong whatever it recomputes.
 */
function hidesOnlyOwnCreates(
  covered: ReaderStep[],
  j: number,
  adv: Advance[],
  reader: string,
  kind: string,
): boolean {
  return covered.every((r) =>
    hiddenFrom(r, j, adv).every(
      (a) =>
        a.step.controllerId === reader &&
        a.step.writes.filter((w) => w.kind === kind).every((w) => w.opType === "CREATE"),
    ),
  );
}

/**
 * The reader lists its own `for` kind (uniqueness, allocation, counting over its peers) and the window hides nothing
 * but the reader's own writes (any kind of write), one of them to an object other than those the listing step writes
 * itself: it decides about object B from a cache that does not show what it just did to A. Excluded: a miss of its
 * own write to the object it is writing again (its own request arrives with a fresh event, so a real informer would
 * re-queue it), and any window hiding another controller's write (that is stale-shared-write's or the unwatched
 * rule's business).
 */
function hidesOwnWritesToPeers(
  covered: ReaderStep[],
  j: number,
  adv: Advance[],
  reader: string,
  kind: string,
): boolean {
  const onlyMine = covered.every((r) => hiddenFrom(r, j, adv).every((a) => a.step.controllerId === reader));
  return (
    onlyMine &&
    covered.some((r) => {
      if (r.keys) return false; // a GET of named objects, not a listing of its peers
      const writing = new Set(r.step.writes.filter((w) => w.kind === kind).map((w) => w.key));
      return hiddenFrom(r, j, adv).some((a) =>
        a.step.writes.some((w) => w.kind === kind && !writing.has(w.key)),
      );
    })
  );
}

/**
 * Some covered reader step writes an object whose write by *another* controller it misses: a write built on a copy
 * that does not show someone else's change (a lost update, a list replaced from a stale copy). Meant for kinds the
 * reader watches: the watch re-queues it once its cache catches up, but its write has already landed.
 */
function overwritesOthersWrite(
  covered: ReaderStep[],
  j: number,
  adv: Advance[],
  reader: string,
  kind: string,
): boolean {
  return covered.some((r) => {
    const mine = new Set(r.step.writes.filter((w) => w.kind === kind).map((w) => w.key));
    return hiddenFrom(r, j, adv).some(
      (a) => a.step.controllerId !== reader && a.step.writes.some((w) => w.kind === kind && mine.has(w.key)),
    );
  });
}

function describe(w: Omit<SweptWindow, "note">, reader: string, kind: string, exists: boolean): string {
  const opens = w.staleAt === 0 && !exists ? `before any ${kind} exists` : `at ${kind} sequence ${w.staleAt}`;
  const closes = `catches up when ${kind} reaches sequence ${w.catchUpAt} or at depth ${w.deactivateAtDepth}, right after ${reader}'s last stale read`;
  const seen = w.stale.map((s) => `step ${s.step} misses ${s.misses.join(", ")}`).join("; ");
  return `staleAt=${w.staleAt}, catchUpAt=${w.catchUpAt}: ${reader}'s view of ${kind} opens ${opens} and ${closes}; ${seen}`;
}

/**
 * `ownWrites`: keep only windows that hide nothing but the reader's own creates — a controller that trusts its cache
 * to show what it has just created (the ReplicaSet controller keeps "expectations" for this). Meant for kinds it
 * watches: the watch re-queues it, but only after it may have created twice.
 * `othersWrites`: keep only windows under which the reader writes an object whose change by another controller it
 * does not see yet (see overwritesOthersWrite).
 * `ownWritesToPeers`: for the reader's own `for` kind, keep only windows under which a listing misses what the reader
 * itself just wrote to another object of the kind (see hidesOwnWritesToPeers).
 */
export function sweepStalenessWindows(
  facts: ReferenceFacts,
  reader: string,
  kind: string,
  opts: { ownWrites?: boolean; othersWrites?: boolean; ownWritesToPeers?: boolean } = {},
): StalenessSweep {
  const { frontiers, advances: adv } = advances(facts, kind);
  if (adv.length === 0)
    return {
      windows: [],
      frontiers,
      reason:
        frontiers[0] === 0
          ? `${kind} never exists on the reference path; staleness on it cannot matter`
          : `${kind} is never written after sequence ${frontiers[0]} on the reference path, so a stale view of it equals the current one; stale a kind that changes during the run`,
    };
  const reads = readerSteps(facts, reader, kind, frontiers);
  const exists = (facts.initialKindSeq[kind] ?? 0) > 0;
  const seen = new Set<string>();
  const windows: SweptWindow[] = [];
  for (const [j, m] of rankedCandidates(reads, adv, kind)) {
    const covered = reads.filter((r) => r.at >= j && r.at <= m);
    const stale = covered
      .map((r) => ({ step: r.step.index, misses: misses(r, j, adv, kind) }))
      .filter((s) => s.misses.length > 0);
    const signature = JSON.stringify(stale);
    if (stale.length === 0 || seen.has(signature)) continue;
    if (opts.ownWrites && !hidesOnlyOwnCreates(covered, j, adv, reader, kind)) continue;
    if (opts.othersWrites && !overwritesOthersWrite(covered, j, adv, reader, kind)) continue;
    if (opts.ownWritesToPeers && !hidesOwnWritesToPeers(covered, j, adv, reader, kind)) continue;
    seen.add(signature);
    const lastRead = Math.max(...covered.map((r) => r.step.depth));
    const w = {
      staleAt: frontiers[j] as number,
      catchUpAt: (frontiers[m] as number) + 1,
      deactivateAtDepth: lastRead + 1,
      stale,
      hidesCreation: stale.some((s) => s.misses.some((x) => x.startsWith("CREATE "))),
    };
    windows.push({ ...w, note: describe(w, reader, kind, exists) });
  }
  const reason =
    windows.length > 0
      ? undefined
      : reads.length === 0
        ? `${reader} never reads ${kind} on the reference path, so a stale view of it changes nothing there`
        : `${reader} reads ${kind} only before it changes (sequences ${frontiers.join(", ")}), so no window hides a write from it`;
  return { windows, frontiers, ...(reason ? { reason } : {}) };
}
