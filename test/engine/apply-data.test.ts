import { describe, expect, it } from "vitest";
import { defineController, defineProject } from "../../src/engine/index.ts";
import { cm, converged, exploreOne, findObject, obj, scenario } from "./helpers.ts";

/** An apply that changes a ConfigMap's data is a write, not a no-op (objects without spec change too). */
describe("apply of objects without a spec", () => {
  it("writes a ConfigMap whose data changed", async () => {
    const project = defineProject({
      name: "apply-data",
      controllers: [
        defineController({
          id: "Publisher",
          for: "example.com/App",
          reconcile(ctx, req) {
            const app = ctx.get("example.com/App", req);
            ctx.apply(
              cm("out", { version: String((app?.spec as { version?: string } | undefined)?.version) }),
            );
          },
        }),
      ],
    });
    const d = await exploreOne(
      project,
      scenario("apply", [obj("App", "a", { version: "2" }), cm("out", { version: "1" })]),
    );
    expect(findObject(d, converged(d)[0] as never, "ConfigMap", "out")?.data).toEqual({ version: "2" });
  });
});
