import type { Dump, DumpResultState, DumpStep } from "../../../formats/dump.ts";
import type { SearchOutcome } from "../search/index.ts";
import type { History, StateNode, VersionStore } from "../state/index.ts";
import { kindSeqJson, objectVersions, pendingJson, sortedJson, versionHash } from "./json-parts.ts";
import { nodeHash } from "./spec-hashes.ts";
import { frameIdOf, stepJson } from "./steps.ts";

export interface DumpContextInput {
  name: string;
  runIndex: number;
  inputRef?: string;
  attributes: Record<string, string>;
  /** Salt for frame ids (scenario, phase, trial), so ids differ between dumps. */
  frameSalt: string;
  permuteAfterConfigured: boolean;
  durationNs?: number;
  emitStats?: boolean;
}

function historyArray(h: History | null): History[] {
  const out: History[] = [];
  for (let x = h; x; x = x.prev) out.push(x);
  return out.reverse();
}

/** Distinct paths by UniqueKey, first seen first (spec §4.1). */
function uniquePaths(paths: ReadonlyArray<History | null>): Array<History | null> {
  const seen = new Set<string>();
  const out: Array<History | null> = [];
  for (const p of paths) {
    const k = p?.uniqueKey ?? "";
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(p);
  }
  return out;
}

/**
 * A kamera-format dump (formats §2.3) from one exploration: content-addressed objects, converged states
 * `state-<i>` in discovery order, aborted states `aborted-<StateHash>` with merged paths, sorted by id.
 */
export function buildDump(outcome: SearchOutcome, store: VersionStore, ctx: DumpContextInput): Dump {
  const hashes = new Set<string>();
  const sink = (h: string) => hashes.add(h);
  const frameMemo = new WeakMap<History, string>();
  const pathJson = (p: History | null): DumpStep[] | null =>
    p ? historyArray(p).map((h) => stepJson(h, frameIdOf(h, ctx.frameSalt, frameMemo), store, sink)) : null;
  const contents = (n: StateNode, pendingToo: boolean) => {
    const objects = objectVersions(n.objects);
    for (const o of objects) sink(o.hash.Value);
    const c: DumpResultState["state"]["contents"] = { objects, kindSequences: kindSeqJson(n.kindSeq) };
    if (pendingToo && n.pending.length) c.pendingReconciles = pendingJson(n.pending);
    return c;
  };
  const states: DumpResultState[] = outcome.converged.map(({ node, paths }, i) => ({
    id: `state-${i}`,
    divergencePoint: "",
    state: { contents: contents(node, true) },
    paths: uniquePaths(paths).map(pathJson),
  }));
  const aborted = new Map<string, { node: StateNode; error: string; paths: Array<History | null> }>();
  for (const a of outcome.aborted) {
    const id = `aborted-${nodeHash(a.node, ctx.permuteAfterConfigured)}`;
    const g = aborted.get(id);
    if (g) g.paths.push(a.node.history);
    else aborted.set(id, { node: a.node, error: a.error, paths: [a.node.history] });
  }
  for (const [id, g] of aborted) {
    states.push({
      id,
      error: g.error,
      divergencePoint: "",
      state: { contents: contents(g.node, true) },
      paths: uniquePaths(g.paths).map(pathJson),
    });
  }
  states.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const s = outcome.stats;
  const metrics: NonNullable<Dump["campaignMetrics"]> = {};
  if (s.UniqueNodeVisits) metrics.uniqueNodeVisits = s.UniqueNodeVisits;
  if (s.TotalNodeVisits) metrics.totalNodeVisits = s.TotalNodeVisits;
  if (s.UniqueResourceStates) metrics.uniqueResourceStates = s.UniqueResourceStates;
  if (ctx.durationNs) metrics.durationNs = ctx.durationNs;
  const scenario: NonNullable<NonNullable<Dump["context"]>["scenario"]> = {
    name: ctx.name,
    runIndex: ctx.runIndex,
  };
  if (ctx.inputRef) scenario.inputRef = ctx.inputRef;
  scenario.attributes = Object.fromEntries(
    Object.keys(ctx.attributes)
      .sort()
      .map((k) => [k, ctx.attributes[k]]),
  );
  const dump: Dump = { context: { scenario } };
  if (ctx.emitStats) dump.stats = { ...s };
  dump.campaignMetrics = metrics;
  dump.objects = [...hashes]
    .sort()
    .map((h) => ({ hash: versionHash(h), object: sortedJson(store.resolve(h)) as Record<string, unknown> }));
  dump.states = states;
  return dump;
}
