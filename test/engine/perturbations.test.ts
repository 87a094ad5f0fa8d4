import { describe, expect, it } from "vitest";
import { defineController, defineProject, type KubeObj } from "../../src/engine/index.ts";
import { allSteps, cm, converged, exploreOne, firstPath, obj, objectsOf, scenario } from "./helpers.ts";

/** Staleness intervals (spec §5.2–5.4) and fault injection (spec §5.5). */

const counter = (c: KubeObj) => Number((c.data as { n: string }).n);

/** Counter bumps ConfigMap "count" every time Secret "tick" changes. */
const tickProject = defineProject({
  name: "ticks",
  controllers: [
    defineController({
      id: "Counter",
      for: "core/Secret",
      reads: ["core/ConfigMap"],
      reconcile(ctx) {
        const c = ctx.get("core/ConfigMap", { namespace: "default", name: "count" });
        if (c) ctx.update({ ...c, data: { n: String(counter(c) + 1) } });
      },
    }),
  ],
});

const secret = (v: string): KubeObj => ({
  apiVersion: "v1",
  kind: "Secret",
  metadata: { name: "tick", namespace: "default" },
  data: { v },
});

describe("staleness intervals", () => {
  it("a stale read leads to a Conflict, with stalenessInfo and a Requeue", async () => {
    // seq 1 count, seq 2 tick; first Counter run writes count at seq 3; the action bumps tick at seq 4.
    const s = scenario("stale-conflict", [cm("count", { n: "0" }), secret("a")], {
      actions: [{ opType: "UPDATE", object: secret("b") }],
      tuning: {
        maxDepth: 10,
        stalenessIntervals: [
          { reconciler: "Counter", kind: "core/ConfigMap", staleAt: 3, catchUpAt: 100, lag: -1, freezeAt: 1 },
        ],
      },
    });
    const d = await exploreOne(tickProject, s);
    const path = firstPath(converged(d)[0]);
    const staleStep = path.find((x) => x.controllerId === "Counter" && x.error);
    expect(staleStep?.error).toMatch(/has been modified/);
    expect(staleStep?.changes.effects).toEqual([]);
    expect(staleStep?.stalenessInfo).toEqual([
      { Key: "core/ConfigMap/default/count", ObservedRV: 1, CurrentRV: 3, Lag: 2 },
    ]);
    expect(staleStep?.pendingReconciles).toContainEqual({
      reconcilerId: "Counter",
      namespace: "default",
      name: "tick",
      source: "Requeue",
    });
    // Without the interval the same action simply bumps the counter again.
    const fresh = await exploreOne(tickProject, { ...s, tuning: { maxDepth: 10 } });
    expect(allSteps(fresh).some((x) => x.error)).toBe(false);
  });

  it("a frozen interval suppresses triggers for the stale kind", async () => {
    const project = defineProject({
      name: "watcher",
      controllers: [
        defineController({
          id: "Watcher",
          for: "core/ConfigMap",
          reconcile(ctx, req) {
            ctx.get("core/ConfigMap", req);
          },
        }),
      ],
    });
    const base = scenario("frozen", [cm("a", { n: "0" })], {
      actions: [{ opType: "UPDATE", object: cm("a", { n: "1" }) }],
    });
    const userStep = async (tuning: NonNullable<typeof base.tuning>) => {
      const d = await exploreOne(project, { ...base, tuning });
      return firstPath(converged(d)[0]).find((x) => x.controllerId === "External User");
    };
    expect((await userStep({}))?.pendingReconciles).toEqual([
      { reconcilerId: "Watcher", namespace: "default", name: "a", source: "State Change" },
    ]);
    const frozen = {
      stalenessIntervals: [
        { reconciler: "Watcher", kind: "core/ConfigMap", staleAt: 1, catchUpAt: 50, lag: -1 },
      ],
    };
    expect((await userStep(frozen))?.pendingReconciles).toBeUndefined();
  });

  it("lag N trails the frontier by N sequences", async () => {
    const seen: string[] = [];
    const project = defineProject({
      name: "lag",
      controllers: [
        defineController({
          id: "Counter",
          for: "core/Secret",
          reads: ["core/ConfigMap"],
          reconcile(ctx) {
            const c = ctx.get("core/ConfigMap", { namespace: "default", name: "count" });
            seen.push(c?.metadata.resourceVersion ?? "none");
          },
        }),
      ],
    });
    const bumpCount = (n: string) => ({ opType: "UPDATE" as const, object: cm("count", { n }) });
    const s = scenario("lag", [cm("count", { n: "0" }), secret("a")], {
      actions: [bumpCount("1"), bumpCount("2"), bumpCount("3"), { opType: "UPDATE", object: secret("b") }],
      tuning: {
        stalenessIntervals: [
          { reconciler: "Counter", kind: "core/ConfigMap", staleAt: 1, catchUpAt: 100, lag: 2 },
        ],
      },
    });
    await exploreOne(project, s);
    // frontier 5 (three bumps after seeds 1, 2): the view is at max(5 − 2, 1) = 3.
    expect(seen).toEqual(["1", "3"]);
  });
});

describe("catch-up at quiescence", () => {
  /** Tally records in its App's status how many ConfigMaps the App owns. */
  const tally = defineProject({
    name: "tally",
    controllers: [
      defineController({
        id: "Tally",
        for: "example.com/App",
        owns: ["core/ConfigMap"],
        reconcile(ctx, req) {
          const app = ctx.get("example.com/App", req);
          if (!app) return;
          const count = String(ctx.list("core/ConfigMap", { namespace: req.namespace }).length);
          if ((app.status as { count?: string } | undefined)?.count !== count)
            ctx.patchStatus({ ...app, status: { count } });
        },
      }),
    ],
  });
  const app = obj("App", "a");
  const owned = cm("child", {}, {
    metadata: {
      name: "child",
      namespace: "default",
      ownerReferences: [{ apiVersion: "example.com/v1", kind: "App", name: "a", uid: "", controller: true }],
    },
  } as Partial<KubeObj>);

  it("delivers a deletion made while the owner's cache lagged, so the owner reconciles it", async () => {
    const s = scenario("lagged-delete", [app, owned], {
      actions: [{ opType: "DELETE", object: cm("child") }],
      tuning: {
        maxDepth: 12,
        stalenessIntervals: [
          { reconciler: "Tally", kind: "core/ConfigMap", staleAt: 2, catchUpAt: 100, lag: -1 },
        ],
      },
    });
    const d = await exploreOne(tally, s);
    const [st] = converged(d);
    const final = objectsOf(d, st).find((o) => o.kind === "App");
    expect(final?.status).toEqual({ count: "0" });
    const afterCatchUp = firstPath(st).filter((x) => x.stepMetadata?.["ctrlhunt.caughtUp"] === "true");
    expect(afterCatchUp.map((x) => x.controllerId)).toEqual(["Tally"]);
  });
});

describe("fault injection", () => {
  const crashes = { n: 0 };
  const project = defineProject({
    name: "crash",
    controllers: [
      defineController({
        id: "Maker",
        for: "core/Secret",
        reconcile(ctx) {
          for (const name of ["one", "two", "three"]) {
            if (!ctx.get("core/ConfigMap", { namespace: "default", name })) ctx.create(cm(name));
          }
        },
        onCrash() {
          crashes.n++;
        },
      }),
    ],
  });

  it("a crash after the 2nd write leaves exactly 2 writes applied, calls onCrash and does not requeue", async () => {
    crashes.n = 0;
    const s = scenario("crash", [secret("a")], {
      tuning: { faultInjection: [{ reconciler: "Maker", crashAfterEffect: 2, triggerOnce: true }] },
    });
    const d = await exploreOne(project, s);
    const st = converged(d)[0];
    const [step] = firstPath(st);
    expect(step.changes.effects?.map((e) => e.OpType)).toEqual(["CREATE", "CREATE"]);
    expect(step.error).toBeUndefined();
    expect(step.pendingReconciles).toBeUndefined();
    expect(
      objectsOf(d, st)
        .filter((o) => o.kind === "ConfigMap")
        .map((o) => o.metadata.name),
    ).toEqual(["one", "two"]);
    expect(crashes.n).toBe(1);
  });

  it("triggerAfterDepth arms the crash only from that depth on", async () => {
    crashes.n = 0;
    const s = scenario("late-crash", [secret("a")], {
      tuning: { faultInjection: [{ reconciler: "Maker", crashAfterEffect: 0, triggerAfterDepth: 3 }] },
    });
    const d = await exploreOne(project, s);
    expect(objectsOf(d, converged(d)[0]).filter((o) => o.kind === "ConfigMap")).toHaveLength(3);
    expect(crashes.n).toBe(0);
  });
});
