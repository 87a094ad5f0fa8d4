import { citeStep, citeTerminal } from "../../analysis/index.ts";
import type { Citation } from "../../formats/citation.ts";
import { type Finding, INFERRED_LABEL } from "../../formats/records.ts";
import {
  type CitedPath,
  departure,
  firstWriteStep,
  readBeforeUpdate,
  laterReconciles,
  lastWriteStep,
  readsOf,
  terminalDifferences,
  writesText,
} from "./trace-facts.ts";

/**
 * A deterministic causal explanation of a confirmed finding from its cited paths: where the divergent path leaves
 * the expected one, what that step read (stale, missing, errors) and wrote, and what never happened afterwards.
 * Every Mechanism sentence cites a step (new citations are appended to the finding); the Fix is inference and
 * says so.
 */

export interface Explanation {
  mechanism: string;
  fix: string;
  /** Citations the sentences refer to beyond the finding's own (append in this order). */
  citations: Citation[];
}

const MAX_OBJECTS = 3;
const list = (xs: readonly string[]) =>
  xs.length <= 1 ? (xs[0] ?? "") : `${xs.slice(0, -1).join(", ")} and ${xs[xs.length - 1]}`;
const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? "" : "s"}`;
const kindOf = (name: string) => name.split(" ")[0] as string;

/** Citation refs: reuse the finding's own when they point at the same step, else append. */
function citer(existing: readonly Citation[]) {
  const added: Citation[] = [];
  const same = (a: Citation, b: Citation) =>
    a.dump === b.dump &&
    a.stateId === b.stateId &&
    a.pathIndex === b.pathIndex &&
    a.stepIndex === b.stepIndex;
  const ref = (c: Citation) => {
    const i = existing.findIndex((x) => same(x, c));
    if (i >= 0) return `[C${i + 1}]`;
    const j = added.findIndex((x) => same(x, c));
    if (j >= 0) return `[C${existing.length + j + 1}]`;
    added.push(c);
    return `[C${existing.length + added.length}]`;
  };
  return {
    added,
    step: (p: CitedPath, k: number, note: string) =>
      ref(citeStep(p.citation.dump, p.state, p.citation.pathIndex, k, note)),
    end: (p: CitedPath, note: string) =>
      ref(citeTerminal(p.citation.dump, p.state, p.citation.pathIndex, note)),
  };
}

export function explainPaths(f: Finding, expected: CitedPath, divergent: CitedPath): Explanation | undefined {
  const k = departure(expected, divergent);
  if (k === undefined) return undefined;
  const d = divergent.steps[k];
  const e = expected.steps[k];
  if (!d) return undefined;
  const cite = citer(f.citations);
  const cd = cite.step(divergent, k, `explain: the divergent path departs here (${d.controllerId})`);
  const ce = e
    ? cite.step(expected, k, `explain: the expected path at the same step (${e.controllerId})`)
    : "";
  const reads = readsOf(d);
  const wrote = writesText(d);
  const expectedWrote = e ? writesText(e) : [];
  const sentences: string[] = [];

  const who = `${d.controllerId}${reads.request ? `, reconciling ${reads.request},` : ""}`;
  if (e && e.controllerId !== d.controllerId)
    sentences.push(
      `At step ${k} the divergent path runs ${who} ${cd} where the expected path runs ${e.controllerId} ${ce}.`,
    );
  else
    sentences.push(
      `The divergent path leaves the expected one at step ${k}: ${who} makes ${plural(wrote.length, "write")} ${cd} where the same step of the expected path makes ${expectedWrote.length}${ce ? ` ${ce}` : ""}.`,
    );
  const readParts = [
    reads.present.length ? `read ${list(reads.present)}` : "read nothing",
    ...(reads.missing.length ? [`found ${list(reads.missing)} absent`] : []),
    ...reads.stale.map((s) => `saw ${s.object} stale (resourceVersion ${s.observed}, current ${s.current})`),
    ...(reads.error ? [`failed with "${reads.error}"`] : []),
  ];
  sentences.push(`That reconcile ${list(readParts)} ${cd}.`);
  sentences.push(`It wrote ${wrote.length ? list(wrote) : "nothing"} ${cd}.`);
  if (e && e.controllerId !== d.controllerId)
    sentences.push(
      `At that step the expected path's ${e.controllerId} writes ${expectedWrote.length ? list(expectedWrote) : "nothing"} ${ce}.`,
    );

  const diff = terminalDifferences(expected.state, divergent.state);
  const again = laterReconciles(divergent.steps, k);
  const missing = diff.missing.slice(0, MAX_OBJECTS);
  if (again.length > 0) {
    const last = again[again.length - 1] as number;
    const lastStep = divergent.steps[last];
    const cl = cite.step(divergent, last, `explain: ${d.controllerId}'s last reconcile of the same object`);
    const lastReads = lastStep ? readsOf(lastStep) : undefined;
    sentences.push(
      `${d.controllerId} reconciles ${reads.request} again at ${again.length === 1 ? "step" : "steps"} ${list(again.map(String))}; the last of them ${lastReads?.missing.length ? `finds ${list(lastReads.missing)} absent and ` : ""}writes ${lastStep && writesText(lastStep).length ? list(writesText(lastStep)) : "nothing"} ${cl}.`,
    );
  } else if (reads.request)
    sentences.push(
      `${d.controllerId} never reconciles ${reads.request} again after step ${k}: nothing re-triggered it before the path ended ${cite.end(divergent, "explain: end of the divergent path")}.`,
    );
  if (missing.length)
    sentences.push(
      `No step after step ${k} writes ${list(missing.map((m) => m.name))}, which the expected outcome has ${cite.end(divergent, "explain: end of the divergent path")}.`,
    );
  const room = MAX_OBJECTS - missing.length;
  const extras = diff.extra.slice(0, room);
  const race: Array<{ creator: string; object: string; step: number; controller: string }> = [];
  for (const o of extras) {
    // An object the expected outcome lacks: who created it, and what that decision read before others updated it.
    const w = firstWriteStep(divergent.steps, o.key);
    const ws = divergent.steps[w];
    if (!ws) continue;
    const created = cite.step(divergent, w, `explain: ${ws.controllerId} creates ${o.name}`);
    const late = readBeforeUpdate(divergent.steps, w);
    race.push(...late.map((l) => ({ creator: ws.controllerId, ...l })));
    const lateText = late.length
      ? `, after reading ${list(late.map((l) => `${l.object}, which ${l.controller} updates only at step ${l.step} ${cite.step(divergent, l.step, `explain: ${l.controller} updates ${l.object}`)}`))}`
      : "";
    sentences.push(
      `${o.name}, which the expected outcome lacks, is created at step ${w} by ${describeWriter(ws)} ${created}${lateText}.`,
    );
  }
  for (const o of diff.changed.slice(0, room - extras.length)) {
    const w = lastWriteStep(divergent.steps, o.key);
    const we = lastWriteStep(expected.steps, o.key);
    const ws = divergent.steps[w];
    const wes = expected.steps[we];
    const there = wes
      ? `; in the expected path its last write is step ${we} by ${describeWriter(wes)} ${cite.step(expected, we, `explain: last write of ${o.name} (expected path)`)}`
      : "";
    sentences.push(
      ws
        ? `${o.name} ends as written at step ${w} by ${describeWriter(ws)} ${cite.step(divergent, w, `explain: last write of ${o.name}`)}${there}.`
        : `${o.name} is never written on the divergent path: it keeps its starting content ${cite.end(divergent, "explain: end of the divergent path")}${there}.`,
    );
  }

  const fix = proposeFix({
    controller: d.controllerId,
    request: reads.request,
    other:
      e && e.controllerId !== d.controllerId
        ? { controller: e.controllerId, writes: expectedWrote }
        : undefined,
    stale: reads.stale.map((s) => kindOf(s.object)),
    partial: e?.controllerId === d.controllerId && wrote.length < expectedWrote.length,
    written: wrote.length,
    expectedWrites: expectedWrote.length,
    missing: diff.missing.map((m) => m.name),
    reTriggered: again.length > 0,
    race: race[0],
    lastWriters: [...diff.changed].flatMap((o) => {
      const w = lastWriteStep(divergent.steps, o.key);
      const we = lastWriteStep(expected.steps, o.key);
      const a = divergent.steps[w];
      const b = expected.steps[we];
      return a && b && (a.controllerId !== b.controllerId || readsOf(a).request !== readsOf(b).request)
        ? [{ object: o.name, here: describeWriter(a), expected: describeWriter(b) }]
        : [];
    }),
  });
  return { mechanism: sentences.join("\n\n"), fix, citations: cite.added };
}

const describeWriter = (s: Parameters<typeof readsOf>[0]) =>
  `${s.controllerId}${readsOf(s).request ? ` for ${readsOf(s).request}` : ""}`;

interface FixFacts {
  controller: string;
  request?: string;
  other?: { controller: string; writes: string[] };
  stale: string[];
  partial: boolean;
  written: number;
  expectedWrites: number;
  missing: string[];
  reTriggered: boolean;
  lastWriters: Array<{ object: string; here: string; expected: string }>;
  /** An object the expected outcome lacks, created after reading what another controller updated later. */
  race?: { creator: string; object: string; step: number; controller: string };
}

/** The smallest change consistent with the facts, always labelled as inference (never observed). */
export function proposeFix(x: FixFacts): string {
  const label = (s: string) => `${INFERRED_LABEL} ${s}`;
  const kinds = (names: readonly string[]) => list([...new Set(names.map(kindOf))]);
  if (x.stale.length)
    return label(
      `${x.controller} decided on a stale view of ${kinds(x.stale)}${x.reTriggered ? "" : " and nothing re-queued it when its cache caught up"}. Smallest change consistent with the trace: watch ${kinds(x.stale)} from ${x.controller} (map each event to the ${x.request ? kindOf(x.request) : "objects"} that depend on it), or re-read ${kinds(x.stale)} live before acting on it.`,
    );
  if (x.partial)
    return label(
      `${x.controller}'s reconcile${x.request ? ` of ${x.request}` : ""} stopped after ${x.written} of ${x.expectedWrites} writes and ${x.reTriggered ? "its later reconciles did not redo the rest" : "it never ran again"}${x.missing.length ? ` (${list(x.missing)} never written)` : ""}. Smallest change consistent with the trace: decide what to write from the live objects on every reconcile (re-read ${x.missing.length ? kinds(x.missing) : "the objects it manages"} and apply what is absent) rather than from state recorded earlier in the same reconcile, or order the writes so that the record of progress comes last.`,
    );
  if (x.race)
    return label(
      `${x.race.creator} decided to create before ${x.race.controller} had updated ${x.race.object}, the fact the decision rests on. Smallest change consistent with the trace: make ${x.race.creator} account for its own writes (count what it created itself, re-read live before creating), or order the writes so that ${x.race.object} is updated in the same reconcile that creates.`,
    );
  const shared = x.lastWriters[0];
  if (shared)
    return label(
      `${shared.object} ends as whichever reconcile wrote it last (${shared.here} here, ${shared.expected} in the expected path). Smallest change consistent with the trace: give that field one writer that computes it from all of its inputs, or make each writer merge its part instead of overwriting the whole.`,
    );
  if (x.other)
    return label(
      `The outcome depends on whether ${x.other.controller}${x.other.writes.length ? ` (which writes ${list(x.other.writes)})` : ""} runs before ${x.controller}. Smallest change consistent with the trace: make ${x.controller} derive its decision from objects whose changes re-trigger it (count what it created itself, re-read live), or let one controller own the fact both depend on.`,
    );
  return label(
    `The divergent outcome starts in ${x.controller}'s reconcile; the trace alone does not show which change is smallest: read its source at that reconcile.`,
  );
}

/** The expected/divergent citation pair to explain: the first divergent one and the expected one before it. */
export function explainedPair(f: Finding): { expected: Citation; divergent: Citation } | undefined {
  const isDivergent = (c: Citation) => c.note?.startsWith("divergent") ?? false;
  const i = f.citations.findIndex(isDivergent);
  const di =
    i >= 0 ? i : f.citations.findIndex((c, j) => j > 0 && c.contentsHash !== f.citations[0]?.contentsHash);
  if (di <= 0) return undefined;
  const before = f.citations.slice(0, di).reverse();
  const expected = before.find((c) => c.note?.startsWith("expected")) ?? before[0];
  const divergent = f.citations[di];
  return expected && divergent ? { expected, divergent } : undefined;
}
