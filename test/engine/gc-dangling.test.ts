import { describe, expect, it } from "vitest";
import { defineController, defineProject, type KubeObj } from "../../src/engine/index.ts";
import { converged, exploreOne, objectsOf, obj, scenario } from "./helpers.ts";

/**
 * The API server's garbage collector collects an object created with owner references that are all dangling (its
 * owner was deleted while it was being created), as it does in a cluster — so a controller that sets owner
 * references does not "leak" in simulation only.
 */
const child = (owner: string, uid: string): KubeObj => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: {
    name: `${owner}-pod`,
    namespace: "default",
    ownerReferences: [{ apiVersion: "example.com/v1", kind: "App", name: owner, uid, controller: true }],
  },
});

const project = defineProject({
  name: "gc",
  controllers: [
    defineController({
      id: "Spawner",
      for: "example.com/Request",
      reconcile(ctx, req) {
        const r = ctx.get("example.com/Request", req);
        const owner = (r?.spec as { owner?: string } | undefined)?.owner ?? "";
        const app = ctx.get("example.com/App", { namespace: "default", name: owner });
        ctx.create(child(owner, app?.metadata.uid ?? "uid-of-a-deleted-app"));
      },
    }),
  ],
});

const podsOf = (d: Parameters<typeof objectsOf>[0]) =>
  objectsOf(d, converged(d)[0] as never)
    .filter((o) => o.kind === "Pod")
    .map((o) => o.metadata.name);

describe("garbage collection of objects created with dangling owners", () => {
  it("collects a child whose owner does not exist when it is created", async () => {
    const d = await exploreOne(project, scenario("gc", [obj("Request", "r", { owner: "gone" })]));
    expect(podsOf(d)).toEqual([]);
    const steps = (converged(d)[0]?.paths?.[0] ?? []).map((s) => s.controllerId);
    expect(steps).toContain("GarbageCollector");
  });

  it("keeps a child whose owner exists", async () => {
    const d = await exploreOne(
      project,
      scenario("gc", [obj("App", "live"), obj("Request", "r", { owner: "live" })]),
    );
    expect(podsOf(d)).toEqual(["live-pod"]);
    const steps = (converged(d)[0]?.paths?.[0] ?? []).map((s) => s.controllerId);
    expect(steps).not.toContain("GarbageCollector");
  });
});
