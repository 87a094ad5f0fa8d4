import type { Request } from "../api.ts";
import type { WriteOp } from "./event-log.ts";
import type { Entry } from "./keys.ts";
import type { KindSeq } from "./node.ts";
import type { ObjectSet } from "./object-set.ts";
import type { Pending } from "./pending.ts";

/** One applied write: the version after it (rv = the global sequence it took). */
export interface EffectRecord {
  readonly op: WriteOp;
  readonly entry: Entry;
  readonly subresource?: "status";
  /** The optimistic-lock precondition the write carried (update/updateStatus), or a delete's UID precondition. */
  readonly precondition?: { resourceVersion?: string; uid?: string };
}

/** One read: a GET of one key (entry undefined when absent) or a LIST (one record per object, or one empty). */
export interface ObservationRecord {
  readonly op: "GET" | "LIST";
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly entry?: Entry;
}

export interface StaleRead {
  readonly Key: string;
  readonly ObservedRV: number;
  readonly CurrentRV: number;
  readonly Lag: number;
}

/** One executed step (kamera's ReconcileResult); stored in the branch history and written to dumps. */
export interface StepRecord {
  readonly controllerId: string;
  readonly request: Request;
  readonly stepMetadata?: Readonly<Record<string, string>>;
  readonly effects: readonly EffectRecord[];
  readonly observations: readonly ObservationRecord[];
  readonly error?: string;
  readonly before: ObjectSet;
  readonly after: ObjectSet;
  readonly kindSeqBefore: KindSeq;
  readonly kindSeqAfter: KindSeq;
  readonly pendingAfter: readonly Pending[];
  readonly stalenessInfo?: readonly StaleRead[];
  /** Depth of the node the step ran on. */
  readonly depth: number;
  /** kamera's wasNoOp: no writes and no error. */
  readonly noOp: boolean;
  /** An injected crash ended this reconcile. */
  readonly crashed?: boolean;
}
