import { describe, expect, it } from "vitest";
import { defineController, defineProject } from "../../src/engine/index.ts";
import { converged, exploreOne, obj, objectsOf, scenario } from "./helpers.ts";

/**
 * The API server removes an object without finalizers as part of the DELETE, so no controller can read it
 * "terminating" afterwards; one with finalizers stays terminating until they are dropped.
 */
const project = defineProject({
  name: "deletes",
  controllers: [
    defineController({
      id: "Deleter",
      for: "example.com/Trigger",
      reconcile(ctx) {
        for (const name of ["plain", "guarded"]) {
          const o = ctx.get("example.com/Thing", { namespace: "default", name });
          if (o && !o.metadata.deletionTimestamp)
            ctx.delete("example.com/Thing", { namespace: "default", name });
        }
      },
    }),
  ],
});

describe("DELETE of an object without finalizers", () => {
  it("removes it at once; an object with finalizers stays terminating", async () => {
    const d = await exploreOne(
      project,
      scenario("deletes", [
        obj("Trigger", "t"),
        obj("Thing", "plain"),
        obj("Thing", "guarded", {}, { finalizers: ["example.com/keep"] }),
      ]),
    );
    const [s] = converged(d);
    const things = objectsOf(d, s as never).filter((o) => o.kind === "Thing");
    expect(things.map((o) => [o.metadata.name, typeof o.metadata.deletionTimestamp])).toEqual([
      ["guarded", "string"],
    ]);
    // The first step's effects: both DELETEs, and the plain Thing's REMOVE right after its DELETE.
    const first = s?.paths?.[0]?.[0];
    expect(
      (first?.changes.effects ?? []).map((e) => [e.OpType, e.Key.name]).filter(([op]) => op !== "GET"),
    ).toEqual([
      ["DELETE", "plain"],
      ["REMOVE", "plain"],
      ["DELETE", "guarded"],
    ]);
  });
});
