import type { KubeObj } from "../../formats/kube-object.ts";
import type { Invariant } from "../../invariants/types.ts";

/**
 * The controller API for the embedded engine (contract: users write projects against it).
 * Objects are plain Kubernetes-shaped JSON; kinds are canonical `group/Kind` strings (`core/Pod`).
 */

export type { KubeObj };

/** A reconcile request, as in controller-runtime. Cluster-scoped objects have namespace "". */
export interface Request {
  namespace: string;
  name: string;
}

export interface ListOptions {
  namespace?: string;
  labels?: Record<string, string>;
  /** Simple field selector on dotted paths, e.g. { "spec.nodeName": "n1" }. */
  fields?: Record<string, string>;
}

export interface ReconcileResult {
  requeue?: boolean;
  requeueAfterMs?: number;
}

/** What a reconcile sees: reads from the (possibly stale) observed view, writes validated against the true state. */
export interface ReconcileContext {
  /** The controller's own ID. */
  readonly controllerId: string;
  get<T extends KubeObj = KubeObj>(kind: string, key: Request): T | null;
  list<T extends KubeObj = KubeObj>(kind: string, opts?: ListOptions): T[];
  create(obj: KubeObj): KubeObj;
  /**
   * Replace the object. With metadata.resourceVersion: Conflict unless it is the live one. Without: an
   * unconditional update for built-in kinds (core, apps, batch, …), Invalid for custom resources.
   */
  update(obj: KubeObj): KubeObj;
  /**
   * JSON merge patch (RFC 7386) of `obj` into the live object: maps merge key by key, `null` deletes a key, arrays
   * are replaced whole; `.status` is never touched. Conditional (Conflict) only if `obj` carries a resourceVersion.
   */
  patch(obj: KubeObj): KubeObj;
  /** Create, or replace the live object with `obj` (no precondition; not field-owning server-side apply). */
  apply(obj: KubeObj): KubeObj;
  /** Replace `.status` only; resourceVersion rules as for `update`. */
  updateStatus(obj: KubeObj): KubeObj;
  /** JSON merge patch of `obj.status` into the live status; nothing else changes. */
  patchStatus(obj: KubeObj): KubeObj;
  /** Mark for deletion (deletionTimestamp); removal follows once finalizers are empty. `uid` is a precondition. */
  delete(kind: string, key: Request, opts?: DeleteOptions): void;
  /** Simulated time: epoch + depth × 1h, as an RFC 3339 string. Never use Date.now(). */
  now(): string;
  /** Async enqueue (ticker/goroutine style): recorded with Source "Async Enqueue". */
  enqueue(controllerId: string, key: Request): void;
}

export interface DeleteOptions {
  /** Precondition: fail with Conflict unless the live object has this UID. */
  uid?: string;
}

/** Reasons a write is refused by the (simulated) API server, as in apimachinery's StatusReason. */
export type ApiErrorReason = "AlreadyExists" | "NotFound" | "Conflict" | "Invalid";

/** A refused write. Controllers catch it with isNotFound / isConflict / isAlreadyExists, like client-go. */
export class ApiError extends Error {
  readonly reason: ApiErrorReason;
  constructor(reason: ApiErrorReason, message: string) {
    super(message);
    this.name = "ApiError";
    this.reason = reason;
  }
}

export const isNotFound = (e: unknown): boolean => e instanceof ApiError && e.reason === "NotFound";
export const isConflict = (e: unknown): boolean => e instanceof ApiError && e.reason === "Conflict";
export const isAlreadyExists = (e: unknown): boolean => e instanceof ApiError && e.reason === "AlreadyExists";

export interface WatchSpec {
  kind: string;
  /** Map a changed object to the requests to enqueue; default: the object's own namespace/name. */
  map?: (obj: KubeObj) => Request[];
}

export interface ControllerDefinition {
  /** Reconciler ID, as used in tuning.permuteControllers. */
  id: string;
  /** Primary kind (canonical group/Kind). */
  for: string;
  /** Owner-reference triggers: changes to these kinds enqueue the owner (if its kind is this controller's `for`). */
  owns?: string[];
  watches?: WatchSpec[];
  /** Kinds read without a trigger (dependencies, used for staleness planning and trigger filtering). */
  reads?: string[];
  reconcile(
    ctx: ReconcileContext,
    req: Request,
    // biome-ignore lint/suspicious/noConfusingVoidType: a reconcile that returns nothing is the common case
  ): ReconcileResult | undefined | void | Promise<ReconcileResult | undefined | void>;
  /** Reset shared in-memory state after an injected crash. */
  onCrash?(): void;
  /** Reset shared in-memory state before each branch / trial / phase. */
  onFork?(): void;
}

export interface ProjectDefinition {
  name: string;
  description?: string;
  /** Upstream project and version this model stands for (rendered in ANALYSIS.md headers). */
  upstream?: string;
  controllers: ControllerDefinition[];
  /** Example objects (e.g. one per user-facing kind) that `ctrlhunt author` seeds generated scenarios with. */
  examples?: KubeObj[];
  /** Must hold in every converged terminal state; a violation is the strongest evidence a finding can cite. */
  invariants?: Invariant[];
  /** Extra JSON paths (or named masks) that never make two outcomes different, e.g. "status.lastSyncTime". */
  masks?: string[];
  /** Built-in invariants to turn off, by name (see `ctrlhunt help judge`). */
  disableBuiltins?: string[];
}

export function defineController(def: ControllerDefinition): ControllerDefinition {
  return def;
}

export function defineProject(def: ProjectDefinition): ProjectDefinition {
  const ids = new Set<string>();
  for (const c of def.controllers) {
    if (ids.has(c.id)) throw new Error(`project ${def.name}: duplicate controller id "${c.id}"`);
    ids.add(c.id);
  }
  return def;
}
