import { describe, expect, it } from "vitest";
import { defineController, defineProject } from "../../src/engine/index.ts";
import {
  cm,
  converged,
  exploreOne,
  findObject,
  firstPath,
  obj,
  objectsOf,
  resolve,
  scenario,
} from "./helpers.ts";

/** Deletion (spec §3.6): delete marks, CleanupReconciler removes once finalizers are empty, GC cascades. */

function finalizerProject(releases: boolean) {
  return defineProject({
    name: "finalizers",
    controllers: [
      defineController({
        id: "ThingController",
        for: "example.com/Thing",
        reconcile(ctx, req) {
          const t = ctx.get("example.com/Thing", req);
          if (!t) return;
          const fins = t.metadata.finalizers ?? [];
          if (t.metadata.deletionTimestamp) {
            if (releases && fins.includes("example.com/cleanup")) {
              ctx.update({
                ...t,
                metadata: { ...t.metadata, finalizers: fins.filter((f) => f !== "example.com/cleanup") },
              });
            }
          } else if (!fins.includes("example.com/cleanup")) {
            ctx.update({ ...t, metadata: { ...t.metadata, finalizers: [...fins, "example.com/cleanup"] } });
          }
        },
      }),
    ],
  });
}

const deleteThing = {
  actions: [{ id: "delete-thing", opType: "DELETE" as const, object: obj("Thing", "t") }],
  tuning: { maxDepth: 20 },
};

describe("finalizers", () => {
  it("an object with a finalizer survives delete until its controller removes the finalizer", async () => {
    const d = await exploreOne(finalizerProject(true), scenario("fin", [obj("Thing", "t")], deleteThing));
    const st = converged(d)[0];
    expect(objectsOf(d, st)).toEqual([]);
    const path = firstPath(st);
    const del = path.findIndex((s) => s.controllerId === "External User");
    const marked = resolve(d, path[del].changes.effects?.[0].Version?.Value);
    expect(path[del].changes.effects?.[0].OpType).toBe("DELETE");
    expect(marked?.metadata.deletionTimestamp).toBeTruthy();
    expect(marked?.metadata.finalizers).toEqual(["example.com/cleanup"]);
    // The cleanup run right after the delete leaves it alone; the one after the finalizer update removes it.
    const cleanups = path.filter((s) => s.controllerId === "CleanupReconciler");
    expect(cleanups[0].changes.effects).toEqual([]);
    expect(cleanups.at(-1)?.changes.effects?.map((e) => e.OpType)).toEqual(["REMOVE"]);
  });

  it("stays terminating forever when nobody releases the finalizer", async () => {
    const d = await exploreOne(finalizerProject(false), scenario("stuck", [obj("Thing", "t")], deleteThing));
    const t = findObject(d, converged(d)[0], "Thing", "t");
    expect(t?.metadata.deletionTimestamp).toBeTruthy();
    expect(t?.metadata.finalizers).toEqual(["example.com/cleanup"]);
  });
});

describe("garbage collection", () => {
  it("patches owner UIDs of seed objects and removes owned children after the owner goes", async () => {
    const project = defineProject({
      name: "gc",
      controllers: [defineController({ id: "Noop", for: "example.com/Parent", reconcile() {} })],
    });
    const child = cm("child", {}, {});
    child.metadata.ownerReferences = [
      { apiVersion: "example.com/v1", kind: "Parent", name: "p", uid: "made-up" },
    ];
    const s = scenario("gc", [obj("Parent", "p"), child], {
      actions: [{ opType: "DELETE", object: obj("Parent", "p") }],
      tuning: { maxDepth: 20 },
    });
    const d = await exploreOne(project, s);
    const st = converged(d)[0];
    expect(objectsOf(d, st)).toEqual([]);
    const ids = firstPath(st).map((x) => x.controllerId);
    expect(ids).toContain("GarbageCollector");
    const parent = resolve(d, firstPath(st)[0].stateBefore?.find((v) => v.key.name === "p")?.hash.Value);
    const seededChild = resolve(
      d,
      firstPath(st)[0].stateBefore?.find((v) => v.key.name === "child")?.hash.Value,
    );
    expect(seededChild?.metadata.ownerReferences?.[0].uid).toBe(parent?.metadata.uid);
  });

  it("keeps a child that still has a live owner", async () => {
    const project = defineProject({
      name: "gc2",
      controllers: [defineController({ id: "Noop", for: "example.com/Parent", reconcile() {} })],
    });
    const child = cm("child");
    child.metadata.ownerReferences = [
      { apiVersion: "example.com/v1", kind: "Parent", name: "p" },
      { apiVersion: "example.com/v1", kind: "Parent", name: "q" },
    ];
    const s = scenario("gc2", [obj("Parent", "p"), obj("Parent", "q"), child], {
      actions: [{ opType: "DELETE", object: obj("Parent", "p") }],
      tuning: { maxDepth: 20 },
    });
    const d = await exploreOne(project, s);
    const names = objectsOf(d, converged(d)[0])
      .map((o) => o.metadata.name)
      .sort();
    expect(names).toEqual(["child", "q"]);
  });
});
