import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defineController, defineProject, type KubeObj } from "../../src/engine/index.ts";
import { aborted, cm, converged, exploreOne, findObject, obj, scenario } from "./helpers.ts";

/**
 * `tuning.fifoPerController`: an ordering variant moves forward only a permuted controller's first ready reconcile.
 * Each controller's own queue stays first in, first out (controller-runtime's work queue), and the search explores
 * every interleaving of the controllers' queues — and no reordering within one queue.
 *
 * The system: every controller appends the name of the object it reconciles to one shared log, so a terminal
 * state *is* the order in which the reconciles ran.
 */
function logSystem(counts: readonly number[]) {
  const ids = counts.map((_, c) => String.fromCharCode(65 + c)); // A, B, C
  const controllers = ids.map((id) =>
    defineController({
      id,
      for: `example.com/${id}`,
      reconcile(ctx, req) {
        const self = ctx.get(`example.com/${id}`, req);
        if (!self || (self.status as { done?: boolean } | undefined)?.done) return;
        const log = ctx.get("core/ConfigMap", { namespace: "default", name: "log" }) as KubeObj;
        const before = (log.data as { order: string }).order;
        ctx.patch({ ...log, data: { order: before ? `${before},${req.name}` : req.name } });
        ctx.patchStatus({ ...self, status: { done: true } });
      },
    }),
  );
  const objects = ids.flatMap((id, c) =>
    Array.from({ length: counts[c] }, (_, i) => obj(id, `${id.toLowerCase()}${i}`)),
  );
  const project = defineProject({ name: "log", controllers });
  const s = scenario("log", [cm("log", { order: "" }), ...objects], {
    tuning: { maxDepth: 60, permuteControllers: ids },
  });
  return {
    project,
    s,
    queues: ids.map((id, c) => Array.from({ length: counts[c] }, (_, i) => `${id.toLowerCase()}${i}`)),
  };
}

/** Every merge of the queues that keeps each queue's order. */
function interleavings(queues: readonly (readonly string[])[]): string[] {
  const live = queues.filter((q) => q.length > 0);
  if (live.length === 0) return [""];
  return live.flatMap((q, i) =>
    interleavings(live.map((r, j) => (j === i ? r.slice(1) : r))).map((rest) =>
      rest ? `${q[0]},${rest}` : q[0],
    ),
  );
}

const orders = async (counts: readonly number[], fifo: boolean) => {
  const { project, s, queues } = logSystem(counts);
  // Every pending entry may move (not only those the last step triggered): the orders are then exact to predict.
  const d = await exploreOne(
    project,
    { ...s, tuning: { ...s.tuning, fifoPerController: fifo } },
    {
      optimizations: { onlyPermuteTriggered: false },
    },
  );
  expect(aborted(d)).toEqual([]);
  const seen = converged(d).map((st) => {
    const log = findObject(d, st, "ConfigMap", "log") as KubeObj;
    return (log.data as { order: string }).order;
  });
  return { seen: [...new Set(seen)].sort(), queues };
};

describe("fifoPerController: the controllers' queues interleave, each kept in order", () => {
  it("two controllers with two objects each: the 6 interleavings, not the 24 orders", async () => {
    const fifo = await orders([2, 2], true);
    expect(fifo.seen).toEqual(interleavings(fifo.queues).sort());
    expect(fifo.seen).toHaveLength(6);
    expect(fifo.seen).not.toContain("a1,a0,b0,b1"); // a0 was queued before a1
    const every = await orders([2, 2], false);
    expect(every.seen).toHaveLength(24);
    for (const o of fifo.seen) expect(every.seen).toContain(o);
  });

  it("any number of controllers and objects: exactly the order-keeping merges of their queues", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .array(fc.integer({ min: 0, max: 3 }), { minLength: 2, maxLength: 3 })
          .filter((c) => c.reduce((a, b) => a + b) <= 6),
        async (counts) => {
          const fifo = await orders(counts, true);
          expect(fifo.seen).toEqual(interleavings(fifo.queues).sort());
        },
      ),
      { numRuns: 25, seed: 20261205 },
    );
  });

  it("is off unless the scenario asks: a permuted controller's later reconciles still move ahead of its first", async () => {
    const { project, s } = logSystem([3]);
    const d = await exploreOne(project, s, { optimizations: { onlyPermuteTriggered: false } });
    expect(converged(d).length).toBe(6);
  });
});
