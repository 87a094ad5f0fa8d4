import {
  type History,
  lanes32,
  mergePending,
  type Pending,
  type RestartPhase,
  type StateNode,
  type StepRecord,
} from "../state/index.ts";
import type { StepEnv } from "./env.ts";
import type { Frame } from "./frame.ts";

/** One UniqueKey token (spec §1.8): `ctrl@<#effects>`, `!` on error; no-op steps add nothing. */
function extendUniqueKey(prev: History | null, step: StepRecord): string {
  const base = prev?.uniqueKey ?? "";
  if (step.noOp) return base;
  const [a, b] = lanes32(
    `${base}|${step.controllerId}@${step.effects.length}${step.error !== undefined ? "!" : ""}`,
  );
  return `${a.toString(36)}.${b.toString(36)}`;
}

export function extendHistory(prev: History | null, step: StepRecord): History {
  return { step, prev, length: (prev?.length ?? 0) + 1, uniqueKey: extendUniqueKey(prev, step) };
}

/** Did this step fire PermuteAfterEvent (op on canonical kind)? `MARK_FOR_DELETION` is our `DELETE`. */
export function firesPermuteAfter(env: StepEnv, frame: Frame): boolean {
  const ev = env.cfg.permuteAfterEvent;
  if (!ev) return false;
  const op = ev.opType.toUpperCase() === "MARK_FOR_DELETION" ? "DELETE" : ev.opType.toUpperCase();
  return frame.effects.some((e) => e.op === op && e.entry.kind === ev.kind);
}

export interface ChildParts {
  frame: Frame;
  consumed: Pending | null;
  added: readonly Pending[];
  record: Omit<
    StepRecord,
    "before" | "after" | "kindSeqBefore" | "kindSeqAfter" | "pendingAfter" | "depth" | "noOp"
  >;
  userIdx: number;
  crashed: readonly string[];
  /** The manager-restart phase the child carries (absent without restartManager). */
  restart: RestartPhase | undefined;
}

/** kamera's materialize (spec §4.2): commit the frame's writes, merge pending work, extend the history. */
export function materializeChild(
  env: StepEnv,
  node: StateNode,
  parts: ChildParts,
): { child: StateNode; step: StepRecord } {
  const { frame } = parts;
  const pending = mergePending(node.pending, parts.consumed, parts.added);
  const step: StepRecord = {
    ...parts.record,
    before: node.objects,
    after: frame.objects,
    kindSeqBefore: node.kindSeq,
    kindSeqAfter: frame.kindSeq,
    pendingAfter: pending,
    depth: node.depth,
    noOp: frame.effects.length === 0 && parts.record.error === undefined,
  };
  const child: StateNode = {
    objects: frame.objects,
    kindSeq: frame.kindSeq,
    events: frame.events,
    pending,
    depth: node.depth + 1,
    history: extendHistory(node.history, step),
    userIdx: parts.userIdx,
    crashed: parts.crashed,
    permuteTriggered: node.permuteTriggered || firesPermuteAfter(env, frame),
    parent: node,
    stuck: node.stuck,
    restart: parts.restart,
    ...(node.caughtUp ? { caughtUp: "done" as const } : {}),
  };
  return { child, step };
}
