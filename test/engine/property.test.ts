import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ALL_OPTIMIZATIONS,
  defineController,
  defineProject,
  type KubeObj,
  NO_OPTIMIZATIONS,
  type Optimizations,
} from "../../src/engine/index.ts";
import type { Dump, DumpStep } from "../../src/formats/dump.ts";
import { aborted, allSteps, cm, exploreOne, scenario, terminalHashes } from "./helpers.ts";

/**
 * Randomly generated small controller systems, with an optional external input (at a ready depth or at
 * quiescence), an optional injected crash (with or without a manager restart) and an optional staleness
 * interval. Controller writes only ever raise a bounded counter, so every system terminates; the unoptimised DFS
 * is the ground truth for the set of terminal states.
 */

const CAP = 3;

const Ctl = fc.record({
  sources: fc.uniqueArray(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: 2 }),
  watch: fc.uniqueArray(fc.integer({ min: 0, max: 2 }), { maxLength: 2 }),
  target: fc.integer({ min: 0, max: 2 }),
  delta: fc.integer({ min: 0, max: 1 }),
  viaPatch: fc.boolean(),
  failAtCap: fc.boolean(),
});

const System = fc.record({
  ctls: fc.array(Ctl, { minLength: 2, maxLength: 3 }),
  seeded: fc.uniqueArray(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: 3 }),
  /** An external input raising one counter, optionally at a ready depth. */
  action: fc.option(
    fc.record({
      target: fc.integer({ min: 0, max: 2 }),
      readyDepth: fc.option(fc.integer({ min: 0, max: 4 })),
    }),
  ),
  /** A crash at the first write of one controller, once per branch, optionally followed by a manager restart. */
  crash: fc.option(
    fc.record({
      ctl: fc.integer({ min: 0, max: 2 }),
      restart: fc.option(
        fc.oneof(fc.constant("quiescence" as const), fc.record({ atDepth: fc.integer({ min: 0, max: 6 }) })),
      ),
    }),
  ),
  /** A staleness interval on ConfigMaps for one controller (frozen or lagging). */
  stale: fc.option(
    fc.record({
      ctl: fc.integer({ min: 0, max: 2 }),
      staleAt: fc.integer({ min: 1, max: 6 }),
      len: fc.integer({ min: 1, max: 6 }),
      lag: fc.constantFrom(-1, 1, 2),
    }),
  ),
});
type System = typeof System extends fc.Arbitrary<infer T> ? T : never;

const v = (o: KubeObj | null) => Number((o?.data as { v?: string } | undefined)?.v ?? "-1");

function build(sys: System) {
  const controllers = sys.ctls.map((c, i) =>
    defineController({
      id: `C${i}`,
      for: `example.com/Ctl${i}`,
      watches: [
        {
          kind: "core/ConfigMap",
          map: (o) =>
            c.watch.map((w) => `o${w}`).includes(o.metadata.name)
              ? [{ namespace: "default", name: `c${i}` }]
              : [],
        },
      ],
      reconcile(ctx) {
        const read = c.sources.map((s) =>
          v(ctx.get("core/ConfigMap", { namespace: "default", name: `o${s}` })),
        );
        const tgt = ctx.get("core/ConfigMap", { namespace: "default", name: `o${c.target}` });
        const want = Math.min(CAP, Math.max(...read) + c.delta);
        if (want < 0) return;
        if (!tgt) ctx.create(cm(`o${c.target}`, { v: String(want) }));
        else if (want > v(tgt))
          (c.viaPatch ? ctx.patch : ctx.update).call(ctx, { ...tgt, data: { v: String(want) } });
        else return;
        if (c.failAtCap && want === CAP) throw new Error("reached cap");
      },
    }),
  );
  const project = defineProject({ name: "random", controllers });
  const seeds = [
    ...sys.seeded.map((i) => cm(`o${i}`, { v: "0" })),
    ...sys.ctls.map((_, i) => ({
      apiVersion: "example.com/v1",
      kind: `Ctl${i}`,
      metadata: { name: `c${i}`, namespace: "default" },
    })),
  ];
  const id = (i: number) => `C${i % controllers.length}`;
  const target = sys.action ? `o${sys.seeded[sys.action.target % sys.seeded.length]}` : "";
  const s = scenario("random", seeds, {
    actions: sys.action ? [{ id: "raise", opType: "UPDATE", object: cm(target, { v: "2" }) }] : undefined,
    tuning: {
      maxDepth: 60,
      permuteControllers: controllers.map((c) => c.id),
      userActionReadyDepths: sys.action?.readyDepth != null ? { "0": sys.action.readyDepth } : undefined,
      faultInjection: sys.crash
        ? [
            {
              reconciler: id(sys.crash.ctl),
              crashAfterEffect: 0,
              triggerOnce: true,
              ...(sys.crash.restart ? { restartManager: sys.crash.restart } : {}),
            },
          ]
        : undefined,
      stalenessIntervals: sys.stale
        ? [
            {
              reconciler: id(sys.stale.ctl),
              kind: "core/ConfigMap",
              staleAt: sys.stale.staleAt,
              catchUpAt: sys.stale.staleAt + sys.stale.len,
              lag: sys.stale.lag,
            },
          ]
        : undefined,
    },
  });
  return { project, s };
}

const pendingIds = (s: DumpStep | undefined) =>
  new Set((s?.pendingReconciles ?? []).map((p) => `${p.reconcilerId}:${p.name}`));

function checkInvariants(d: Dump): void {
  for (const st of d.states ?? []) {
    for (const path of st.paths ?? []) {
      let lastRv = 0;
      (path ?? []).forEach((step, k) => {
        for (const e of step.changes.effects ?? []) {
          expect(e.resourceVersion).toBeGreaterThan(lastRv); // sequences strictly increase
          lastRv = e.resourceVersion ?? 0;
          expect(step.kindSeqAfter?.[`core/${e.Key.resourceKind}`]).toBeGreaterThanOrEqual(lastRv);
        }
        // A manager restart before this step replaced the queue with the resync: no pairwise queue rule holds.
        // So did the caches catching up at quiescence (the delivered events joined the queue without a step).
        if (
          k === 0 ||
          step.stepMetadata?.["ctrlhunt.restart"] === "manager" ||
          step.stepMetadata?.["ctrlhunt.caughtUp"] === "true"
        )
          return;
        const before = pendingIds(path?.[k - 1]);
        const after = pendingIds(step);
        const gone = [...before].filter((id) => !after.has(id));
        expect(gone.length).toBeLessThanOrEqual(1); // only the consumed entry disappears
        for (const id of gone) expect(id.startsWith(`${step.controllerId}:`)).toBe(true);
        if ((step.changes.effects ?? []).length === 0 && !step.error) {
          expect([...after].filter((id) => !before.has(id))).toEqual([]); // a no-op step triggers nothing
        }
      });
    }
  }
}

const VARIANTS: Array<[string, Partial<Optimizations>]> = [
  ["all", ALL_OPTIMIZATIONS],
  ["orderingPruning", { ...NO_OPTIMIZATIONS, orderingPruning: true }],
  ["completedPathDedup", { ...NO_OPTIMIZATIONS, completedPathDedup: true }],
  ["earlyConvergence", { ...NO_OPTIMIZATIONS, earlyConvergence: true }],
  ["subtreeCompletion", { ...NO_OPTIMIZATIONS, subtreeCompletion: true }],
];

describe("random controller systems", () => {
  it("every optimisation finds the same terminal states as none, and the invariants hold on every dumped step", async () => {
    await fc.assert(
      fc.asyncProperty(System, async (sys) => {
        const { project, s } = build(sys);
        const truth = await exploreOne(project, s, { optimizations: NO_OPTIMIZATIONS });
        fc.pre(aborted(truth).length === 0);
        checkInvariants(truth);
        for (const [name, optimizations] of VARIANTS) {
          const d = await exploreOne(project, s, { optimizations });
          expect({ name, terminals: terminalHashes(d) }).toEqual({ name, terminals: terminalHashes(truth) });
          expect(d.campaignMetrics?.totalNodeVisits ?? 0).toBeLessThanOrEqual(
            truth.campaignMetrics?.totalNodeVisits ?? 0,
          );
          checkInvariants(d);
        }
        expect(allSteps(truth).length).toBeGreaterThan(0);
      }),
      { numRuns: 60, seed: 20240601 },
    );
  });
});
