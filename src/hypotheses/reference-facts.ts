import { calibrate, type KindSeqResult } from "../analysis/index.ts";
import { type Dump, type DumpStep, type KindSequences, keyKind, keyString } from "../formats/dump.ts";
import { actionsOf, type Scenario } from "../formats/workflow.ts";

/**
 * Facts about the reference run that calibration and preflight need, read once from its dump: the steps of one
 * representative path, KindSequence frontiers, what fired, and how the terminal states ended.
 */

export const USER_CONTROLLER = "External User";
const READ_OPS = new Set(["GET", "LIST"]);

export interface WriteFact {
  opType: string;
  kind: string;
  key: string;
}

/** A read of one reconcile: a GET names its key; a LIST (key undefined) may see any object of the kind. */
export interface ReadFact {
  kind: string;
  key?: string;
}

export interface StepFact {
  index: number;
  /** Depth of the state before this step (dumps carry no depth: index, unless deferred work fast-forwarded). */
  depth: number;
  controllerId: string;
  writes: WriteFact[];
  /** What the reconcile read (dump observations); empty when the dump records none. */
  reads: ReadFact[];
  error?: string;
  kindSeqBefore: KindSequences;
  kindSeqAfter: KindSequences;
  /** Reconciler IDs pending after the step, in queue order. */
  pendingAfter: string[];
  actionIndex?: number;
  contentsHashAfter?: string;
}

export interface ReferenceFacts {
  /** Workspace-relative dump file (what citations name). */
  dump: string;
  stateId: string;
  steps: StepFact[];
  initialKindSeq: KindSequences;
  controllersSeen: string[];
  terminals: { total: number; converged: number; aborted: number; maxDepthAborted: number; errors: string[] };
  cyclingRatio?: number;
  /** Indices of external inputs that fired on any path. */
  actionsFired: number[];
  /** maxDepth the reference ran with (undefined: the engine default). */
  maxDepth?: number;
  /** The analysis's KindSequence calibration of the same path (suggested windows, events, ready depths). */
  kindseq?: KindSeqResult;
}

/** Canonical `group/Kind` of a Kubernetes object. */
export function objectKind(obj: { apiVersion: string; kind: string }): string {
  const slash = obj.apiVersion.indexOf("/");
  return `${slash < 0 ? "core" : obj.apiVersion.slice(0, slash)}/${obj.kind}`;
}

/** Seeded objects take sequences 1..N in input order (engine §1.3), so each kind starts at its last seed's number. */
export function seedKindSequences(scenario: Scenario): KindSequences {
  const seq: KindSequences = {};
  (scenario.environmentState?.objects ?? []).forEach((o, i) => {
    seq[objectKind(o)] = i + 1;
  });
  return seq;
}

function stepFact(step: DumpStep, index: number): StepFact {
  const idx = step.stepMetadata?.["userAction.index"];
  return {
    index,
    depth: index,
    controllerId: step.controllerId,
    writes: (step.changes?.effects ?? [])
      .filter((e) => !READ_OPS.has(e.OpType.toUpperCase()))
      .map((e) => ({ opType: e.OpType.toUpperCase(), kind: keyKind(e.Key), key: keyString(e.Key) })),
    reads: (step.changes?.observations ?? []).map((o) =>
      o.OpType.toUpperCase() === "GET"
        ? { kind: keyKind(o.Key), key: keyString(o.Key) }
        : { kind: keyKind(o.Key) },
    ),
    error: step.error?.trim() ? step.error : undefined,
    kindSeqBefore: step.kindSeqBefore ?? {},
    kindSeqAfter: step.kindSeqAfter ?? {},
    pendingAfter: (step.pendingReconciles ?? []).map((p) => p.reconcilerId),
    actionIndex: idx !== undefined && /^\d+$/.test(idx) ? Number(idx) : undefined,
    contentsHashAfter: step.contentsHashAfter,
  };
}

function kindSeqOf(file: string, dumps: ReadonlyArray<{ file: string; dump: Dump }>, stateId: string) {
  const holder = dumps.find((d) => d.file === file && (d.dump.states ?? []).some((s) => s.id === stateId));
  return holder ? calibrate(file, holder.dump, { stateId }) : undefined;
}

export function referenceFacts(
  dumps: ReadonlyArray<{ file: string; dump: Dump }>,
  scenario: Scenario,
): ReferenceFacts {
  const states = dumps.flatMap((d) => (d.dump.states ?? []).map((s) => ({ file: d.file, s })));
  const isErr = (e?: string) => (e ?? "").trim() !== "";
  // A converged path is the most faithful picture of "what normally happens"; fall back to the first state.
  const chosen = states.find((x) => !isErr(x.s.error) && (x.s.paths?.[0]?.length ?? 0) > 0) ?? states[0];
  const path = chosen?.s.paths?.[0] ?? [];
  const steps = path.map(stepFact);
  const first = steps[0]?.kindSeqBefore;
  const fired = new Set<number>();
  const seen = new Set<string>();
  for (const { s } of states)
    for (const p of s.paths ?? [])
      for (const st of p ?? []) {
        if (st.controllerId !== USER_CONTROLLER) seen.add(st.controllerId);
        const idx = st.stepMetadata?.["userAction.index"];
        if (idx !== undefined && /^\d+$/.test(idx)) fired.add(Number(idx));
      }
  const errors = states.map((x) => x.s.error ?? "").filter(isErr);
  const total = dumps.reduce((n, d) => n + (d.dump.campaignMetrics?.totalNodeVisits ?? 0), 0);
  const unique = dumps.reduce((n, d) => n + (d.dump.campaignMetrics?.uniqueNodeVisits ?? 0), 0);
  return {
    dump: chosen?.file ?? dumps[0]?.file ?? "",
    stateId: chosen?.s.id ?? "",
    steps,
    initialKindSeq: first && Object.keys(first).length > 0 ? first : seedKindSequences(scenario),
    controllersSeen: [...seen].sort(),
    terminals: {
      total: states.length,
      converged: states.length - errors.length,
      aborted: errors.length,
      maxDepthAborted: errors.filter((e) => /max depth/i.test(e)).length,
      errors: [...new Set(errors)].sort(),
    },
    cyclingRatio: unique > 0 ? total / unique : undefined,
    actionsFired: [...fired].sort((a, b) => a - b),
    maxDepth: scenario.tuning?.maxDepth ?? undefined,
    kindseq: chosen && steps.length > 0 ? kindSeqOf(chosen.file, dumps, chosen.s.id) : undefined,
  };
}

/** Number of external inputs in a scenario (either schema generation). */
export function actionCount(scenario: Scenario): number {
  return actionsOf(scenario).length;
}
