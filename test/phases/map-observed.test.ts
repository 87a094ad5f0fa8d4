import { describe, expect, it } from "vitest";
import { Dump } from "../../src/formats/dump.ts";
import { changedSurface, observeControllers } from "../../src/phases/map/index.ts";

const key = (kind: string, name: string, group = "") => ({
  resourceGroup: group,
  resourceKind: kind,
  namespace: "default",
  name,
});
const v = (hash: string) => ({ Value: hash, Strategy: "default" });

// A reference path: the user creates an App; AppController creates a Deployment and a Service, then updates
// the App's status (3 writes in one reconcile); a second reconcile only adds a finalizer (metadata).
const dump = Dump.parse({
  objects: [
    {
      hash: v("a1"),
      object: { apiVersion: "x.io/v1", kind: "App", metadata: { name: "a" }, spec: { n: 1 } },
    },
    {
      hash: v("a2"),
      object: {
        apiVersion: "x.io/v1",
        kind: "App",
        metadata: { name: "a" },
        spec: { n: 1 },
        status: { ok: true },
      },
    },
    {
      hash: v("a3"),
      object: {
        apiVersion: "x.io/v1",
        kind: "App",
        metadata: { name: "a", finalizers: ["f"], resourceVersion: "9" },
        spec: { n: 1 },
        status: { ok: true },
      },
    },
    { hash: v("d1"), object: { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "a" } } },
    { hash: v("s1"), object: { apiVersion: "v1", kind: "Service", metadata: { name: "a" } } },
  ],
  states: [
    {
      id: "state-0",
      state: { contents: { objects: [] } },
      paths: [
        [
          {
            controllerId: "External User",
            changes: { effects: [{ OpType: "CREATE", Key: key("App", "a", "x.io"), Version: v("a1") }] },
            stateAfter: [{ key: key("App", "a", "x.io"), hash: v("a1") }],
          },
          {
            controllerId: "AppController",
            changes: {
              effects: [
                { OpType: "CREATE", Key: key("Deployment", "a", "apps"), Version: v("d1") },
                { OpType: "CREATE", Key: key("Service", "a"), Version: v("s1") },
                { OpType: "UPDATE", Key: key("App", "a", "x.io"), Version: v("a2") },
              ],
              observations: [{ OpType: "LIST", Key: key("Pod", "") }],
            },
          },
          {
            controllerId: "AppController",
            stateBefore: [{ key: key("App", "a", "x.io"), hash: v("a2") }],
            changes: { effects: [{ OpType: "UPDATE", Key: key("App", "a", "x.io"), Version: v("a3") }] },
          },
        ],
      ],
    },
  ],
});

describe("writes observed in reference dumps", () => {
  const seen = observeControllers([dump]);
  const app = seen.get("AppController");

  it("counts writes per reconcile and keeps the busiest reconcile's order", () => {
    expect(app?.writesPerReconcile).toBe(3);
    expect(app?.writeOrder).toEqual([
      "CREATE apps/Deployment",
      "CREATE core/Service",
      "UPDATE x.io/App/status",
    ]);
    expect(seen.has("External User")).toBe(false);
  });

  it("tells status, metadata and create surfaces apart from object versions", () => {
    expect(app?.writes).toEqual([
      { kind: "apps/Deployment", op: "CREATE", surface: "any", count: 1 },
      { kind: "core/Service", op: "CREATE", surface: "any", count: 1 },
      { kind: "x.io/App", op: "UPDATE", surface: "status", count: 1 },
      { kind: "x.io/App", op: "UPDATE", surface: "metadata", count: 1 },
    ]);
  });

  it("records observed reads", () => {
    expect(app?.reads).toEqual([{ kind: "core/Pod", op: "LIST" }]);
  });

  it("falls back to spec when a version is not in the dump", () => {
    expect(changedSurface(undefined, { spec: {} }, "UPDATE")).toBe("spec");
    expect(changedSurface({ spec: { a: 1 } }, { spec: { a: 2 } }, "PATCH")).toBe("spec");
  });
});
