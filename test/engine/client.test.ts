import { describe, expect, it } from "vitest";
import { defineController, defineProject, isNotFound, type KubeObj } from "../../src/engine/index.ts";
import { allSteps, cm, converged, exploreOne, findObject, firstPath, obj, scenario } from "./helpers.ts";

/** The simulated client (spec §3.2–3.5): reads from the frozen view, writes validated against the true state. */

describe("reads", () => {
  it("gives no read-your-writes inside one reconcile, and stamps resourceVersion on reads", async () => {
    const seen: Array<string | null> = [];
    const project = defineProject({
      name: "ryw",
      controllers: [
        defineController({
          id: "Maker",
          for: "example.com/App",
          reconcile(ctx, req) {
            if (ctx.get("core/ConfigMap", req)) return;
            const created = ctx.create(cm(req.name, { a: "1" }));
            seen.push(created.metadata.resourceVersion ?? "none");
            seen.push(ctx.get("core/ConfigMap", req) === null ? null : "visible");
          },
        }),
      ],
    });
    const d = await exploreOne(project, scenario("ryw", [obj("App", "x")]));
    expect(seen.slice(0, 2)).toEqual(["2", null]);
    const step = firstPath(converged(d)[0])[0];
    expect(step.changes.effects?.map((e) => [e.OpType, e.resourceVersion])).toEqual([["CREATE", 2]]);
    expect(step.kindSeqAfter).toEqual({ "core/ConfigMap": 2, "example.com/App": 1 });
  });
});

describe("list and async reconciles", () => {
  it("filters lists by namespace, labels and field selectors, sorted; awaits async reconciles", async () => {
    const listed: string[][] = [];
    const project = defineProject({
      name: "lists",
      controllers: [
        defineController({
          id: "Lister",
          for: "example.com/App",
          async reconcile(ctx) {
            await Promise.resolve();
            listed.push(ctx.list("core/ConfigMap", { labels: { app: "x" } }).map((c) => c.metadata.name));
            listed.push(ctx.list("core/ConfigMap", { namespace: "other" }).map((c) => c.metadata.name));
            listed.push(
              ctx.list("core/ConfigMap", { fields: { "data.tier": "gold" } }).map((c) => c.metadata.name),
            );
            if (!ctx.get("core/ConfigMap", { namespace: "default", name: "made" })) ctx.create(cm("made"));
          },
        }),
      ],
    });
    const labelled = (name: string, ns = "default", tier = "gold") =>
      cm(name, { tier }, { metadata: { name, namespace: ns, labels: { app: "x" } } });
    const d = await exploreOne(
      project,
      scenario("lists", [obj("App", "a"), labelled("b"), labelled("a", "other", "tin"), cm("c")]),
    );
    expect(listed.slice(0, 3)).toEqual([["b", "a"], ["a"], ["b"]]);
    expect(findObject(d, converged(d)[0], "ConfigMap", "made")).toBeDefined();
  });
});

describe("misuse", () => {
  it("stops with a clear project error when a read names a non-canonical kind", async () => {
    const project = defineProject({
      name: "typo",
      controllers: [
        defineController({
          id: "Typo",
          for: "core/ConfigMap",
          reconcile: (ctx) => void ctx.get("ConfigMap", { namespace: "default", name: "a" }),
        }),
      ],
    });
    await expect(exploreOne(project, scenario("typo", [cm("a")]))).rejects.toThrow(
      /ctx\.get\("ConfigMap"\) needs a canonical kind/,
    );
  });
});

describe("writes", () => {
  const bump = (cur: KubeObj) => ({ ...cur, data: { n: String(Number((cur.data as { n: string }).n) + 1) } });

  it("drops a no-op update: no effect, no trigger, the step is a no-op", async () => {
    const project = defineProject({
      name: "noop",
      controllers: [
        defineController({
          id: "Toucher",
          for: "core/ConfigMap",
          reconcile(ctx, req) {
            const c = ctx.get("core/ConfigMap", req);
            if (c) ctx.update(c);
          },
        }),
      ],
    });
    const d = await exploreOne(project, scenario("noop", [cm("a", { n: "0" })]));
    const [step] = firstPath(converged(d)[0]);
    expect(step.changes.effects).toEqual([]);
    expect(step.pendingReconciles).toBeUndefined();
  });

  it("bumps generation on a spec change only, and a status write replaces only .status", async () => {
    const project = defineProject({
      name: "gen",
      controllers: [
        defineController({
          id: "Specs",
          for: "example.com/App",
          reconcile(ctx, req) {
            const a = ctx.get("example.com/App", req);
            if (!a) return;
            const spec = a.spec as { v: number };
            if (spec.v < 2) ctx.update({ ...a, spec: { v: spec.v + 1 } });
            else if (!a.status) ctx.updateStatus({ ...a, spec: { v: 99 }, status: { done: true } });
          },
        }),
      ],
    });
    const d = await exploreOne(
      project,
      scenario("gen", [obj("App", "a", { v: 0 })], { tuning: { maxDepth: 20 } }),
    );
    const app = findObject(d, converged(d)[0], "App", "a");
    expect(app?.metadata.generation).toBe(3);
    expect(app?.spec).toEqual({ v: 2 });
    expect(app?.status).toEqual({ done: true });
    const statusEffect = allSteps(d)
      .flatMap((s) => s.changes.effects ?? [])
      .find((e) => e.subresource === "status");
    expect(statusEffect?.OpType).toBe("UPDATE");
  });

  it("rejects a create of an existing key with AlreadyExists and an update of a missing key with NotFound", async () => {
    const errors: string[] = [];
    const project = defineProject({
      name: "errs",
      controllers: [
        defineController({
          id: "Clumsy",
          for: "core/ConfigMap",
          reconcile(ctx, req) {
            try {
              ctx.create(cm(req.name));
            } catch (e) {
              errors.push(`${(e as Error).name}:${(e as { reason: string }).reason}`);
            }
            try {
              ctx.update({
                ...cm("missing"),
                metadata: { name: "missing", namespace: "default", resourceVersion: "1" },
              });
            } catch (e) {
              errors.push(isNotFound(e) ? "NotFound" : "other");
            }
          },
        }),
      ],
    });
    await exploreOne(project, scenario("errs", [cm("a")]));
    expect(errors).toEqual(["ApiError:AlreadyExists", "NotFound"]);
  });

  it("keeps writes made before an error and requeues the request (Requeue does not block convergence)", async () => {
    const project = defineProject({
      name: "boom",
      controllers: [
        defineController({
          id: "Fails",
          for: "example.com/App",
          reconcile(ctx, req) {
            if (!ctx.get("core/ConfigMap", req)) ctx.create(cm(req.name));
            throw new Error("boom after write");
          },
        }),
      ],
    });
    const d = await exploreOne(project, scenario("boom", [obj("App", "a")]));
    const st = converged(d)[0];
    const [step] = firstPath(st);
    expect(step.error).toBe("boom after write");
    expect(step.changes.effects?.map((e) => e.OpType)).toEqual(["CREATE"]);
    expect(step.pendingReconciles).toContainEqual({
      reconcilerId: "Fails",
      namespace: "default",
      name: "a",
      source: "Requeue",
    });
    expect(findObject(d, st, "ConfigMap", "a")).toBeDefined();
  });

  it("a read-modify-write with the RV just returned succeeds; two writes in one reconcile take consecutive RVs", async () => {
    const project = defineProject({
      name: "rmw",
      controllers: [
        defineController({
          id: "Twice",
          for: "example.com/App",
          reconcile(ctx, req) {
            const c = ctx.get("core/ConfigMap", req);
            if (!c || (c.data as { n: string }).n !== "0") return;
            const once = ctx.update(bump(c));
            ctx.update(bump(once));
          },
        }),
      ],
    });
    const d = await exploreOne(project, scenario("rmw", [obj("App", "a"), cm("a", { n: "0" })]));
    const [step] = firstPath(converged(d)[0]);
    expect(step.error).toBeUndefined();
    expect(step.changes.effects?.map((e) => e.resourceVersion)).toEqual([3, 4]);
    expect(step.changes.effects?.[0].Precondition).toEqual({
      ResourceVersion: "2",
      UID: null,
      DryRun: false,
    });
    expect(findObject(d, converged(d)[0], "ConfigMap", "a")?.data).toEqual({ n: "2" });
  });
});
