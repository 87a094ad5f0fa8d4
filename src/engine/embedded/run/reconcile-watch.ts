import type { ControllerDefinition, Request } from "../api.ts";

/**
 * Slots of the shared memory between a run host and its worker: the host can read them while the worker is stuck in
 * a reconcile that never returns (`while (true)`), when no message can get out. Atomics cost nanoseconds per
 * reconcile, far below a step (≈ 40 µs).
 */
export const SLOT = {
  /** 0 = run, 1 = interrupted (SIGINT / abort), 2 = memory budget reached. */
  stop: 0,
  /** Incremented when a reconcile starts. */
  seq: 1,
  /** 1 while a user reconcile runs. */
  busy: 2,
  /** Index of the (controller, request) pair being reconciled, announced once by message. */
  pair: 3,
} as const;
export const SLOT_COUNT = 4;

export const STOP_INTERRUPTED = 1;
export const STOP_MEMORY = 2;

/** Which controller reconciles which request: what a hang report names. */
export interface ReconcilePair {
  controller: string;
  request: Request;
}

/**
 * Controllers whose reconcile marks the shared slots; a new (controller, request) pair is announced once through
 * `announce` (a message, delivered even when the worker then hangs).
 */
export function watchReconciles(
  controllers: readonly ControllerDefinition[],
  slots: Int32Array,
  announce: (index: number, pair: ReconcilePair) => void,
): ControllerDefinition[] {
  const index = new Map<string, number>();
  const pairOf = (controller: string, req: Request): number => {
    const key = `${controller}\u0000${req.namespace}\u0000${req.name}`;
    let i = index.get(key);
    if (i === undefined) {
      i = index.size;
      index.set(key, i);
      announce(i, { controller, request: { namespace: req.namespace, name: req.name } });
    }
    return i;
  };
  return controllers.map((c) => {
    const reconcile = c.reconcile;
    const done = () => Atomics.store(slots, SLOT.busy, 0);
    return {
      ...c,
      reconcile(ctx, req) {
        Atomics.store(slots, SLOT.pair, pairOf(c.id, req));
        Atomics.add(slots, SLOT.seq, 1);
        Atomics.store(slots, SLOT.busy, 1);
        let out: ReturnType<typeof reconcile>;
        try {
          out = reconcile.call(c, ctx, req);
        } catch (e) {
          done();
          throw e;
        }
        if (out instanceof Promise) return out.finally(done);
        done();
        return out;
      },
    };
  });
}

/** An AbortSignal look-alike over the stop slot (the search only reads `aborted`). */
export function slotSignal(slots: Int32Array): AbortSignal {
  return {
    get aborted() {
      return Atomics.load(slots, SLOT.stop) !== 0;
    },
  } as AbortSignal;
}
