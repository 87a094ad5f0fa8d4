import { describe, expect, it } from "vitest";
import type { SurfaceController } from "../../src/formats/surface-map.ts";
import { buildSeedCatalog } from "../../src/phases/author/index.ts";
import { assembleSurfaceMap } from "../../src/phases/map/index.ts";

const ctrl = (c: Partial<SurfaceController> & { id: string; for: string }): SurfaceController => ({
  source: "project.ts",
  fidelity: "simulation",
  owns: [],
  watches: [],
  reads: [],
  writes: [],
  writesPerReconcile: 1,
  writeOrder: [],
  registered: true,
  sharedState: [],
  hooks: [],
  ...c,
});

// A composite controller reads a Composition it never watches and nobody creates: an input to seed.
const map = assembleSurfaceMap({
  project: "xp",
  source: "embedded",
  generatedFrom: [],
  sharedState: [],
  issues: [],
  controllers: [
    ctrl({
      id: "CompositeReconciler",
      for: "example.org/XWidget",
      reads: [{ kind: "apiextensions.crossplane.io/Composition" }],
      writes: [{ kind: "example.org/XWidget", op: "UPDATE", surface: "status", count: 1 }],
    }),
  ],
});

const xr = (size: string) => ({
  apiVersion: "example.org/v1",
  kind: "XWidget",
  metadata: { name: "w", namespace: "default" },
  spec: { size },
  status: { ready: false },
});
const composition = {
  apiVersion: "apiextensions.crossplane.io/v1",
  kind: "Composition",
  metadata: { name: "c" },
  spec: {},
};
const unrelated = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "noise" } };

describe("seed objects for generated scenarios", () => {
  it("takes the user-facing kind and the inputs its controllers read from the project's examples", () => {
    const seeds = buildSeedCatalog(map, [xr("small"), composition, unrelated], []);
    const base = seeds.bases.get("example.org/XWidget");
    expect(base?.from).toBe("project examples");
    expect(base?.objects.map((o) => o.kind)).toEqual(["XWidget", "Composition"]);
  });

  it("treats a repeated example of the same object as a spec-only update", () => {
    const seeds = buildSeedCatalog(map, [xr("small"), composition, xr("large")], []);
    expect(seeds.updates.get("example.org/XWidget")).toEqual([
      {
        apiVersion: "example.org/v1",
        kind: "XWidget",
        metadata: { name: "w", namespace: "default" },
        spec: { size: "large" },
      },
    ]);
  });

  it("prefers an existing scenario that seeds the kind, folding its CREATE inputs into the environment", () => {
    const existing = [
      {
        file: "projects/xp/scenarios/f1_base.json",
        scenario: {
          name: "f1/base",
          environmentState: { objects: [composition] },
          externalInputs: [{ opType: "CREATE" as const, object: xr("medium") }],
          tuning: { maxDepth: 25 },
        },
      },
    ];
    const base = buildSeedCatalog(map, [xr("small")], existing).bases.get("example.org/XWidget");
    expect(base).toMatchObject({ from: "projects/xp/scenarios/f1_base.json#f1/base", maxDepth: 25 });
    expect(base?.objects.map((o) => `${o.kind}:${(o.spec as { size?: string })?.size ?? ""}`)).toEqual([
      "Composition:",
      "XWidget:medium",
    ]);
  });

  it("has no base for a kind nobody gave an object of", () => {
    expect(buildSeedCatalog(map, [composition], []).bases.size).toBe(0);
  });
});
