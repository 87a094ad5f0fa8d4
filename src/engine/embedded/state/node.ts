import type { StateEvent } from "./event-log.ts";
import type { ObjectSet } from "./object-set.ts";
import type { Pending } from "./pending.ts";
import type { StepRecord } from "./step-record.ts";

/** KindSequences: canonical kind → global sequence of that kind's latest write (a high-water mark). */
export type KindSeq = Readonly<Record<string, number>>;

/** The execution history of a branch, newest step first, sharing prefixes between branches. */
export interface History {
  readonly step: StepRecord;
  readonly prev: History | null;
  readonly length: number;
  /** Incremental hash of kamera's UniqueKey (no-op steps dropped, `ctrl@#effects`, `!` on error). */
  readonly uniqueKey: string;
}

/**
 * Manager restart after an injected crash (ctrlhunt extension, `faultInjection[i].restartManager`):
 * `awaiting` — crashed, restart due at `atDepth` (undefined: at quiescence) or once nothing is ready;
 * `restarted` — the restart happened, `firstStep` until the first reconcile after it ran.
 */
export type RestartPhase =
  | { readonly phase: "awaiting"; readonly atDepth?: number }
  | { readonly phase: "restarted"; readonly firstStep: boolean };

/** A search-tree node (kamera's StateNode). Immutable once built; keys are memoised lazily. */
export interface StateNode {
  readonly objects: ObjectSet;
  readonly kindSeq: KindSeq;
  readonly events: StateEvent | null;
  readonly pending: readonly Pending[];
  readonly depth: number;
  readonly history: History | null;
  /** Branch-local cursor into the user-action script. */
  readonly userIdx: number;
  /** Reconcilers that crashed on this branch (sorted), for triggerOnce. */
  readonly crashed: readonly string[];
  /** PermuteAfterEvent has fired on this branch. */
  readonly permuteTriggered: boolean;
  readonly parent: StateNode | null;
  /** Legacy staleReads: reconciler → kind → the sequence it stays stuck at for the rest of the branch. */
  readonly stuck?: ReadonlyMap<string, ReadonlyMap<string, number>>;
  /** Absent unless a fault with restartManager fired on this branch. */
  readonly restart?: RestartPhase;
  /** Every stale cache caught up at quiescence (ctrlhunt extension): no stale view for the rest of the branch. */
  readonly caughtUp?: "first" | "done";
  memo?: { nodeKey?: string; orderKey?: string; idleBlindKey?: string };
}

/** What, besides objects and pending work, decides a node's future under the scenario's config. */
export interface KeyConfig {
  /** Depth enters the key when depth-gated features are configured (ready depths, depth ranges, gates). */
  depthSensitive: boolean;
  /** Depth enters the key while the branch's user cursor is below this (actions with a ready depth still due). */
  depthUntilAction?: number;
  /** Kinds whose sequence frontier enters the key (staleness-interval kinds). */
  seqKinds: readonly string[];
  /** Interned pending-entry texts: keys stay short and exact (one table per exploration). */
  intern: Map<string, string>;
}

function pendingText(p: Pending, depth: number, intern: Map<string, string>): string {
  let id = intern.get(p.sid);
  if (id === undefined) {
    id = intern.size.toString(36);
    intern.set(p.sid, id);
  }
  const rel = p.readyAtDepth - depth;
  return rel > 0 ? `${id}+${rel}` : id;
}

function extras(n: StateNode, cfg: KeyConfig): string {
  let s = `u${n.userIdx}`;
  if (n.crashed.length) s += `c${n.crashed.join(",")}`;
  if (n.permuteTriggered) s += "|pt:1";
  if (cfg.depthSensitive || n.userIdx < (cfg.depthUntilAction ?? 0)) s += `|d${n.depth}`;
  for (const k of cfg.seqKinds) s += `|${n.kindSeq[k] ?? 0}`;
  if (n.stuck?.size) s += `|st:${stuckSignature(n.stuck)}`;
  if (n.restart) s += `|r:${restartSignature(n.restart)}`;
  if (n.caughtUp) s += n.caughtUp === "first" ? "|cu1" : "|cu";
  return s;
}

/** State identity with the pending set order-insensitive (kamera's Hash / NodeHash, richer: see README). */
export function nodeKey(n: StateNode, cfg: KeyConfig): string {
  n.memo ??= {};
  n.memo.nodeKey ??= `${n.objects.fingerprint}|${n.pending
    .map((p) => pendingText(p, n.depth, cfg.intern))
    .sort()
    .join(",")}|${extras(n, cfg)}`;
  return n.memo.nodeKey;
}

/** State identity with the pending queue in order (kamera's OrderHash): unique visits, pruning, subtrees. */
export function orderKey(n: StateNode, cfg: KeyConfig): string {
  n.memo ??= {};
  n.memo.orderKey ??= `${n.objects.fingerprint}|${n.pending.map((p) => pendingText(p, n.depth, cfg.intern)).join(",")}|${extras(n, cfg)}`;
  return n.memo.orderKey;
}

/**
 * orderKey with the entries `idle` says will do nothing kept as a sorted set after the ordered rest: two queues that
 * differ only in where idle reconciles wait are one state (the ownNoOpOrderingSkip heuristic; engine README).
 */
export function idleBlindOrderKey(n: StateNode, cfg: KeyConfig, idle: (p: Pending) => boolean): string {
  n.memo ??= {};
  if (n.memo.idleBlindKey !== undefined) return n.memo.idleBlindKey;
  const active: string[] = [];
  const waiting: string[] = [];
  for (const p of n.pending) (idle(p) ? waiting : active).push(pendingText(p, n.depth, cfg.intern));
  n.memo.idleBlindKey = `${n.objects.fingerprint}|${active.join(",")}|~${waiting.sort().join(",")}|${extras(n, cfg)}`;
  return n.memo.idleBlindKey;
}

/** A copy of `n` with a new pending order or depth (ordering variants, depth fast-forward). */
export function withChanges(
  n: StateNode,
  change: { pending?: readonly Pending[]; depth?: number },
): StateNode {
  return { ...n, pending: change.pending ?? n.pending, depth: change.depth ?? n.depth, memo: undefined };
}

function restartSignature(r: RestartPhase): string {
  if (r.phase === "awaiting") return `a${r.atDepth ?? ""}`;
  return r.firstStep ? "f" : "d";
}

export function stuckSignature(stuck: ReadonlyMap<string, ReadonlyMap<string, number>>): string {
  return [...stuck]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(
      ([r, kinds]) =>
        `${r}=${[...kinds]
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([k, v]) => `${k}@${v}`)
          .join("+")}`,
    )
    .join(";");
}
