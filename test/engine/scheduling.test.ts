import { describe, expect, it } from "vitest";
import { defineController, defineProject, type KubeObj } from "../../src/engine/index.ts";
import {
  aborted,
  allSteps,
  cm,
  converged,
  explore,
  exploreOne,
  findObject,
  firstPath,
  obj,
  scenario,
  terminalHashes,
} from "./helpers.ts";

/** Pending work, requeues, the simulated clock and external inputs (spec §3.3, §3.7, §4.6). */

describe("requeueAfter", () => {
  it("defers the request by ceil(d/1h)+1 depths; the simulated clock shows the jump", async () => {
    const project = defineProject({
      name: "poll",
      controllers: [
        defineController({
          id: "Poller",
          for: "example.com/Job",
          reconcile(ctx) {
            // Polls are logged in a ConfigMap nobody watches, so only the requeue brings Poller back.
            const log = ctx.get("core/ConfigMap", { namespace: "default", name: "log" });
            const polls = [...Object.values((log?.data as Record<string, string>) ?? {}), ctx.now()];
            const data = Object.fromEntries(polls.map((p, i) => [`p${i}`, p]));
            if (log) ctx.update({ ...log, data });
            else ctx.create(cm("log", data));
            return polls.length < 2 ? { requeueAfterMs: 2 * 3_600_000 } : {};
          },
        }),
      ],
    });
    const d = await exploreOne(project, scenario("poll", [obj("Job", "j")], { tuning: { maxDepth: 20 } }));
    const st = converged(d)[0];
    expect(findObject(d, st, "ConfigMap", "log")?.data).toEqual({
      p0: "2024-01-01T00:00:00Z",
      p1: "2024-01-01T03:00:00Z",
    });
    const first = firstPath(st)[0];
    expect(first.pendingReconciles).toContainEqual({
      reconcilerId: "Poller",
      namespace: "default",
      name: "j",
      source: "Requeue After",
    });
  });
});

/** A controller that needs three steps to finish (counts to 3), so an action can land in the middle. */
const stepper = defineProject({
  name: "stepper",
  controllers: [
    defineController({
      id: "Stepper",
      for: "core/ConfigMap",
      reconcile(ctx, req) {
        const c = ctx.get("core/ConfigMap", req);
        const n = Number((c?.data as { n?: string } | undefined)?.n ?? "0");
        if (c && n < 3) ctx.update({ ...c, data: { ...(c.data as object), n: String(n + 1) } });
      },
    }),
  ],
});

const label = (v: string): KubeObj => cm("c", { n: "0", label: v });

describe("user actions", () => {
  it("without a ready depth an action fires once the branch is quiescent", async () => {
    const d = await exploreOne(
      stepper,
      scenario("quiet", [cm("c", { n: "0" })], { actions: [{ opType: "CREATE", object: cm("other") }] }),
    );
    const ids = firstPath(converged(d)[0]).map((s) => s.controllerId);
    expect(ids.indexOf("External User")).toBe(4); // three bumps + the no-op confirming n=3, then the action
  });

  it("with userActionReadyDepths it interleaves with pending work; CREATE of a seeded object becomes UPDATE", async () => {
    const s = scenario("interleave", [cm("c", { n: "0" })], {
      actions: [{ opType: "CREATE", object: label("x") }],
      tuning: { userActionReadyDepths: { "0": 1 } },
    });
    const d = await exploreOne(stepper, s);
    const path = firstPath(converged(d)[0]);
    expect(path[1].controllerId).toBe("External User");
    expect(path[1].stepMetadata).toEqual({
      "userAction.id": "user-input-0",
      "userAction.index": "0",
      "userAction.type": "UPDATE",
    });
    // Read-modify-write: the action carried no resourceVersion, so it overwrote n (1 → 0) instead of conflicting.
    expect(path[1].error).toBeUndefined();
    expect(findObject(d, converged(d)[0], "ConfigMap", "c")?.data).toEqual({ n: "3", label: "x" });
  });

  it("a quiescent branch below the ready depth fast-forwards instead of firing early", async () => {
    const times: string[] = [];
    const clockProject = defineProject({
      name: "clock",
      controllers: [
        defineController({
          id: "Clock",
          for: "core/ConfigMap",
          reconcile: (ctx) => void times.push(ctx.now()),
        }),
      ],
    });
    const s = scenario("ff", [cm("c")], {
      actions: [{ opType: "UPDATE", object: cm("c", { a: "1" }) }],
      tuning: { userActionReadyDepths: { "0": 10 }, maxDepth: 30 },
    });
    const d = await exploreOne(clockProject, s);
    expect(firstPath(converged(d)[0]).map((x) => x.controllerId)).toEqual([
      "Clock",
      "External User",
      "Clock",
    ]);
    expect(times).toEqual(["2024-01-01T00:00:00Z", "2024-01-01T11:00:00Z"]);
  });

  it("an action that fails aborts the branch with its error", async () => {
    const s = scenario("bad-action", [cm("c")], { actions: [{ opType: "DELETE", object: cm("nope") }] });
    const d = await exploreOne(stepper, s);
    expect(aborted(d).map((x) => x.error)).toEqual(['core/ConfigMap "default/nope" not found']);
  });
});

describe("search", () => {
  /** Two controllers race to create the same ConfigMap; the loser gets AlreadyExists. */
  const race = defineProject({
    name: "race",
    controllers: ["Alpha", "Beta"].map((id) =>
      defineController({
        id,
        for: "example.com/App",
        reconcile(ctx) {
          if (!ctx.get("core/ConfigMap", { namespace: "default", name: "winner" }))
            ctx.create(cm("winner", { by: id }));
        },
      }),
    ),
  });

  it("permutation finds divergent terminal states for a real race; the reference order finds one", async () => {
    const s = scenario("race", [obj("App", "a")], { tuning: { permuteControllers: ["Alpha", "Beta"] } });
    const [ref] = await explore(race, s, { mode: "reference" });
    const d = await exploreOne(race, s);
    expect(converged(ref.dump)).toHaveLength(1);
    const winners = converged(d).map((st) => findObject(d, st, "ConfigMap", "winner")?.data);
    expect(winners).toEqual(expect.arrayContaining([{ by: "Alpha" }, { by: "Beta" }]));
    expect(terminalHashes(d)).toHaveLength(2);
  });

  it("aborts a ping-pong at maxDepth", async () => {
    const pingPong = defineProject({
      name: "pp",
      controllers: ["Ping", "Pong"].map((id, i) =>
        defineController({
          id,
          for: "core/ConfigMap",
          reconcile(ctx, req) {
            const c = ctx.get("core/ConfigMap", req);
            if (c) ctx.update({ ...c, data: { turn: String(i) } });
          },
        }),
      ),
    });
    const d = await exploreOne(pingPong, scenario("pp", [cm("c")], { tuning: { maxDepth: 7 } }));
    expect(converged(d)).toHaveLength(0);
    expect(aborted(d)[0].error).toBe("max depth reached");
    expect(firstPath(aborted(d)[0])).toHaveLength(8);
  });

  it("stops at the timeout and reports partial results", async () => {
    const wide = defineProject({
      name: "wide",
      controllers: ["A", "B", "C", "D", "E", "F"].map((id) =>
        defineController({
          id,
          for: "core/ConfigMap",
          reconcile(ctx, req) {
            const c = ctx.get("core/ConfigMap", req);
            const n = Number((c?.data as { [k: string]: string } | undefined)?.[id] ?? "0");
            if (c && n < 3) ctx.update({ ...c, data: { ...(c.data as object), [id]: String(n + 1) } });
          },
        }),
      ),
    });
    const s = scenario("wide", [cm("c")], {
      tuning: { maxDepth: 100, permuteControllers: ["A", "B", "C", "D", "E", "F"] },
    });
    const [out] = await explore(wide, s, {
      timeoutMs: 150,
      optimizations: { orderingPruning: false, subtreeCompletion: false },
    });
    expect(out.timedOut).toBe(true);
    expect(out.dump.campaignMetrics?.totalNodeVisits).toBeGreaterThan(0);
  });
});

describe("errors", () => {
  /** Maker creates the child unless it reads it marked done; the child already exists, so the create fails. */
  const makeOnce = defineProject({
    name: "make-once",
    controllers: [
      defineController({
        id: "Maker",
        for: "example.com/App",
        reconcile(ctx) {
          const child = ctx.get("core/ConfigMap", { namespace: "default", name: "child" });
          if ((child?.data as { done?: string } | undefined)?.done) return;
          ctx.create(cm("child", { by: "maker" }));
        },
      }),
    ],
  });

  it("AlreadyExists is retried like any returned error (controller-runtime), not dropped as kamera does", async () => {
    const s = scenario("already-exists", [obj("App", "a"), cm("child")], { tuning: { maxDepth: 6 } });
    const d = await exploreOne(makeOnce, s);
    const failed = allSteps(d).find((x) => x.controllerId === "Maker" && x.error);
    expect(failed?.error).toMatch(/already exists/);
    expect(failed?.pendingReconciles).toContainEqual({
      reconcilerId: "Maker",
      namespace: "default",
      name: "a",
      source: "Requeue",
    });
  });
});

describe("retries before a branch ends", () => {
  /** Applier fails until ConfigMap "gate" is ready, and does not watch it; Opener makes the gate ready. */
  const gated = (withOpener: boolean) =>
    defineProject({
      name: "gated",
      controllers: [
        defineController({
          id: "Applier",
          for: "example.com/App",
          reads: ["core/ConfigMap"],
          reconcile(ctx, req) {
            const gate = ctx.get("core/ConfigMap", { namespace: "default", name: "gate" });
            if ((gate?.data as { ready?: string } | undefined)?.ready !== "true")
              throw new Error("gate not ready");
            const app = ctx.get("example.com/App", req);
            if (app && !app.status) ctx.patchStatus({ ...app, status: { applied: "true" } });
          },
        }),
        ...(withOpener
          ? [
              // Opener works on a Secret and writes the gate: nothing it writes re-triggers anyone but Applier's
              // retry, so the branch would end with that retry still queued.
              defineController({
                id: "Opener",
                for: "core/Secret",
                reads: ["core/ConfigMap"],
                reconcile(ctx) {
                  const c = ctx.get("core/ConfigMap", { namespace: "default", name: "gate" });
                  if (c && (c.data as { ready?: string }).ready !== "true")
                    ctx.update({ ...c, data: { ready: "true" } });
                },
              }),
            ]
          : []),
      ],
    });
  const key: KubeObj = { apiVersion: "v1", kind: "Secret", metadata: { name: "key", namespace: "default" } };
  const s = scenario("gated", [obj("App", "a"), cm("gate", { ready: "false" }), key], {
    tuning: { maxDepth: 10 },
  });

  it("a failed reconcile is retried once the world changed, as controller-runtime's backoff would", async () => {
    const d = await exploreOne(gated(true), s);
    const [st] = converged(d);
    expect(converged(d)).toHaveLength(1);
    expect(findObject(d, st, "App", "a")?.status).toEqual({ applied: "true" });
    const applier = firstPath(st).filter((x) => x.controllerId === "Applier");
    // The failure, the retry after Opener's write, then the reconcile its own status write triggers.
    expect(applier.map((x) => x.error ?? "ok")).toEqual(["gate not ready", "ok", "ok"]);
  });

  it("a failure on the world the branch ends in is not retried: the branch ends with the retry queued", async () => {
    const d = await exploreOne(gated(false), s);
    const [st] = converged(d);
    expect(converged(d)).toHaveLength(1);
    expect(firstPath(st).map((x) => x.error)).toEqual(["gate not ready"]);
    expect(st.state.contents.pendingReconciles).toContainEqual(
      expect.objectContaining({ reconcilerId: "Applier", name: "a", source: "Requeue" }),
    );
  });
});
