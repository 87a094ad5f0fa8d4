import {
  ApiError,
  type DeleteOptions,
  type KubeObj,
  type ListOptions,
  type ReconcileContext,
  type Request,
} from "../api.ts";
import {
  appendEvent,
  cloneJson,
  differsOnlyInTimestamps,
  type EffectRecord,
  type Entry,
  type KindSeq,
  keyStrOf,
  makeEntry,
  makePending,
  type ObjectSet,
  type ObservationRecord,
  type Pending,
  removalsOf,
  type StateEvent,
  type VersionStore,
  type View,
  type WriteOp,
  deterministicUid,
} from "../state/index.ts";
import { CtrlhuntError } from "../../../errors/index.ts";
import type { CrashInjector } from "./crash.ts";
import { checkPatchRv, checkRv, fillOwnerUids, identify } from "./frame-checks.ts";
import { matchesList } from "./list-filter.ts";
import { simNow } from "./sim-clock.ts";
import {
  applyIsNoOp,
  createContent,
  finalizersOf,
  fullWriteContent,
  isMarked,
  markedContent,
  patchContent,
  statusPatchContent,
  statusWriteContent,
} from "./write-rules.ts";

type Obj = Record<string, unknown>;

export interface FrameInit {
  controllerId: string;
  /** What the reconciler reads (possibly stale). */
  view: View;
  /** The true state writes are validated against and applied to. */
  objects: ObjectSet;
  kindSeq: KindSeq;
  events: StateEvent | null;
  depth: number;
  store: VersionStore;
  injector?: CrashInjector;
  /** Reconciler ids `enqueue()` may name. */
  knownIds: ReadonlySet<string>;
}

/**
 * One reconcile frame (spec §3.1–3.2): reads come from the frozen observed view (no read-your-writes), every
 * accepted write is validated against and applied to the true state at once, taking the next global sequence
 * as its resourceVersion. No-op writes are accepted but not recorded.
 */
export class Frame implements ReconcileContext {
  readonly controllerId: string;
  objects: ObjectSet;
  kindSeq: KindSeq;
  events: StateEvent | null;
  readonly effects: EffectRecord[] = [];
  readonly observations: ObservationRecord[] = [];
  readonly enqueued: Pending[] = [];
  /** A misuse of the API by the project (not a reconcile error): surfaced as an engine failure. */
  fatal?: string;

  constructor(private readonly init: FrameInit) {
    this.controllerId = init.controllerId;
    this.objects = init.objects;
    this.kindSeq = init.kindSeq;
    this.events = init.events;
  }

  now(): string {
    return simNow(this.init.depth);
  }

  get<T extends KubeObj = KubeObj>(kind: string, key: Request): T | null {
    this.checkKind("get", kind);
    const e = this.init.view.get(kind, keyStrOf(kind, key.namespace ?? "", key.name));
    this.observations.push({ op: "GET", kind, namespace: key.namespace ?? "", name: key.name, entry: e });
    return e ? (this.materialize(e) as T) : null;
  }

  list<T extends KubeObj = KubeObj>(kind: string, opts: ListOptions = {}): T[] {
    this.checkKind("list", kind);
    const out: Entry[] = [];
    for (const e of this.init.view.list(kind)) {
      if (matchesList(e, this.init.store.resolve(e.hash), opts)) out.push(e);
    }
    out.sort((a, b) => (a.keyStr < b.keyStr ? -1 : a.keyStr > b.keyStr ? 1 : 0));
    for (const e of out)
      this.observations.push({ op: "LIST", kind, namespace: e.namespace, name: e.name, entry: e });
    if (out.length === 0)
      this.observations.push({ op: "LIST", kind, namespace: opts.namespace ?? "", name: "" });
    return out.map((e) => this.materialize(e) as T);
  }

  create(obj: KubeObj): KubeObj {
    this.attempt();
    const { kind, ns, name, keyStr } = identify(this.controllerId, obj);
    if (this.objects.get(kind, keyStr))
      throw new ApiError("AlreadyExists", `${kind} "${ns}/${name}" already exists`);
    return this.createAs("CREATE", obj, kind, ns, name);
  }

  update(obj: KubeObj): KubeObj {
    return this.writeFull("UPDATE", obj, true);
  }

  /** A JSON merge patch of the live object; conditional only when the body carries a resourceVersion. */
  patch(obj: KubeObj): KubeObj {
    this.attempt();
    const { cur, pre } = this.patchTarget(obj);
    return this.commit(
      "PATCH",
      cur,
      patchContent(this.init.store.resolve(cur.hash), obj),
      undefined,
      pre,
      obj,
    );
  }

  apply(obj: KubeObj): KubeObj {
    this.attempt();
    const { kind, ns, name, keyStr } = identify(this.controllerId, obj);
    if (!this.objects.get(kind, keyStr)) return this.createAs("APPLY", obj, kind, ns, name);
    return this.writeFull("APPLY", obj, false, true);
  }

  updateStatus(obj: KubeObj): KubeObj {
    return this.writeStatus("UPDATE", obj);
  }

  /** A JSON merge patch of the live `.status` only. */
  patchStatus(obj: KubeObj): KubeObj {
    this.attempt();
    const { cur, pre } = this.patchTarget(obj);
    const content = statusPatchContent(this.init.store.resolve(cur.hash), obj);
    return this.commit("PATCH", cur, content, "status", pre, obj);
  }

  delete(kind: string, key: Request, opts: DeleteOptions = {}): void {
    this.checkKind("delete", kind);
    this.attempt();
    const ns = key.namespace ?? "";
    const cur = this.objects.get(kind, keyStrOf(kind, ns, key.name));
    if (!cur) throw new ApiError("NotFound", `${kind} "${ns}/${key.name}" not found`);
    if (opts.uid !== undefined && opts.uid !== cur.objectId) {
      throw new ApiError("Conflict", `${kind} "${ns}/${key.name}": UID precondition failed`);
    }
    const old = this.init.store.resolve(cur.hash);
    if (isMarked(old)) return; // already terminating: deleting again changes nothing
    this.commit(
      "DELETE",
      cur,
      markedContent(old, this.now()),
      undefined,
      opts.uid ? { uid: opts.uid } : undefined,
    );
    // [deviation from kamera] The API server removes an object without finalizers as part of the DELETE: nobody can
    // read it terminating afterwards (kamera leaves it marked until its CleanupReconciler runs).
    if (finalizersOf(old).length === 0) {
      const marked = this.objects.get(kind, keyStrOf(kind, ns, key.name));
      if (marked) this.remove(marked);
    }
  }

  enqueue(controllerId: string, key: Request): void {
    if (!this.init.knownIds.has(controllerId)) {
      this.fatal ??= `${this.controllerId}: ctx.enqueue names unknown controller "${controllerId}"`;
      return;
    }
    this.enqueued.push(makePending(controllerId, key.namespace ?? "", key.name, "Async Enqueue"));
  }

  /** REMOVE (cleanup / garbage collector only): purge the object from the state. */
  remove(cur: Entry): void {
    const seq = (this.events?.seq ?? 0) + 1;
    const entry = makeEntry(cur.kind, cur.namespace, cur.name, cur.objectId, cur.hash, seq);
    this.record("REMOVE", entry);
    this.objects = this.objects.without(cur.kind, cur.keyStr);
  }

  /** Mark without the client's checks (garbage collector). */
  mark(cur: Entry): void {
    const old = this.init.store.resolve(cur.hash);
    if (!isMarked(old)) this.commit("DELETE", cur, markedContent(old, this.now()));
  }

  /** A kind that is not canonical would silently read nothing: stop with a clear message instead. */
  private checkKind(op: string, kind: string): void {
    if (typeof kind === "string" && /^[^/\s]+\/[^/\s]+$/.test(kind)) return;
    this.fatal ??= `${this.controllerId}: ctx.${op}("${kind}") needs a canonical kind group/Kind (e.g. core/Pod, apps/Deployment)`;
    throw new CtrlhuntError("CTRLHUNT_PROJECT_INVALID", this.fatal);
  }

  private attempt(): void {
    this.init.injector?.attempt();
  }

  private createAs(op: WriteOp, obj: KubeObj, kind: string, ns: string, name: string): KubeObj {
    const keyStr = keyStrOf(kind, ns, name);
    const uid = deterministicUid(keyStr, removalsOf(this.events, keyStr));
    const content = createContent(obj, uid, this.now());
    fillOwnerUids(this.objects, content, ns);
    return this.commitNew(op, kind, ns, name, uid, content, obj);
  }

  private writeFull(op: WriteOp, obj: KubeObj, occ: boolean, alreadyAttempted = false): KubeObj {
    if (!alreadyAttempted) this.attempt();
    const cur = this.live(obj);
    const pre = occ ? checkRv(obj, cur) : undefined;
    const old = this.init.store.resolve(cur.hash);
    const next = fullWriteContent(old, obj);
    if (op === "APPLY" && applyIsNoOp(old, next)) return this.unchanged(cur, obj);
    return this.commit(op, cur, next, undefined, pre, obj);
  }

  private writeStatus(op: WriteOp, obj: KubeObj): KubeObj {
    this.attempt();
    const cur = this.live(obj);
    const pre = checkRv(obj, cur);
    return this.commit(
      op,
      cur,
      statusWriteContent(this.init.store.resolve(cur.hash), obj),
      "status",
      pre,
      obj,
    );
  }

  private patchTarget(obj: KubeObj) {
    const cur = this.live(obj);
    return { cur, pre: checkPatchRv(obj, cur) };
  }

  /** The live entry a write names (NotFound when there is none). */
  private live(obj: KubeObj): Entry {
    const { kind, ns, name, keyStr } = identify(this.controllerId, obj);
    const cur = this.objects.get(kind, keyStr);
    if (!cur) throw new ApiError("NotFound", `${kind} "${ns}/${name}" not found`);
    return cur;
  }

  private commit(
    op: WriteOp,
    cur: Entry,
    content: Obj,
    subresource?: "status",
    precondition?: EffectRecord["precondition"],
    caller?: KubeObj,
  ): KubeObj {
    const hash = this.init.store.publish(content);
    // A write that changes nothing is accepted, not recorded. One that only re-stamps a time is a change to the
    // API server (new resourceVersion, a watch event): recorded under the same content hash, so a controller
    // that re-stamps on every reconcile it triggers itself shows as a cycle (a reconcile storm), not as quiet.
    if (hash === cur.hash && !differsOnlyInTimestamps(this.init.store.resolve(cur.hash), content))
      return this.unchanged(cur, caller);
    const seq = (this.events?.seq ?? 0) + 1;
    const entry = makeEntry(cur.kind, cur.namespace, cur.name, cur.objectId, hash, seq);
    this.record(op, entry, subresource, precondition);
    this.objects = this.objects.with(entry);
    return this.answer(entry, caller);
  }

  private commitNew(
    op: WriteOp,
    kind: string,
    ns: string,
    name: string,
    uid: string,
    content: Obj,
    caller: KubeObj,
  ) {
    const hash = this.init.store.publish(content);
    const entry = makeEntry(kind, ns, name, uid, hash, (this.events?.seq ?? 0) + 1);
    this.record(op, entry);
    this.objects = this.objects.with(entry);
    return this.answer(entry, caller);
  }

  private record(
    op: WriteOp,
    entry: Entry,
    subresource?: "status",
    precondition?: EffectRecord["precondition"],
  ) {
    this.events = appendEvent(this.events, op, entry);
    this.kindSeq = { ...this.kindSeq, [entry.kind]: entry.rv };
    this.effects.push({ op, entry, subresource, precondition });
  }

  private unchanged(cur: Entry, caller?: KubeObj): KubeObj {
    return this.answer(cur, caller);
  }

  /** The server's answer: a copy of the stored version with RV stamped; the caller's object gets RV and UID too. */
  private answer(entry: Entry, caller?: KubeObj): KubeObj {
    const out = this.materialize(entry);
    if (caller?.metadata) {
      caller.metadata.resourceVersion = out.metadata.resourceVersion;
      caller.metadata.uid = out.metadata.uid;
      if (out.metadata.generation !== undefined) caller.metadata.generation = out.metadata.generation;
    }
    return out;
  }

  private materialize(e: Entry): KubeObj {
    const obj = cloneJson(this.init.store.resolve(e.hash)) as KubeObj;
    obj.metadata ??= { name: e.name };
    obj.metadata.resourceVersion = String(e.rv);
    return obj;
  }
}
