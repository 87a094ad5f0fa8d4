import { describe, expect, it } from "vitest";
import type { SurfaceMap } from "../../src/formats/surface-map.ts";
import type { WorkflowFile } from "../../src/formats/workflow.ts";
import { renameControllers, renamesFromSurfaceMap } from "../../src/scenario/rename-controllers.ts";

const controller = (id: string, aliases: string[]) => ({
  id,
  aliases,
  source: "x.go:1",
  fidelity: "real" as const,
  for: "core/Pod",
  owns: [],
  watches: [],
  reads: [],
  writes: [],
  writesPerReconcile: 0,
  writeOrder: [],
  registered: true,
  sharedState: [],
  hooks: [],
});

const map = {
  project: "p",
  source: "go",
  generatedFrom: [],
  controllers: [
    controller("externalsecret.Reconciler", ["Reconciler"]),
    controller("pushsecret.Reconciler", ["Reconciler"]),
    controller("FooController", ["FooReconciler"]),
  ],
  kinds: [],
  dataFlows: [],
  multiWrites: [],
  sharedState: [],
  vulnerabilityWindows: [],
  issues: [],
} satisfies SurfaceMap;

describe("renaming controller IDs from a surface map's aliases", () => {
  it("rewrites every tuning field naming a reconciler when the old ID is unambiguous", () => {
    const w = [
      {
        name: "s/1",
        tuning: {
          permuteControllers: ["FooReconciler", "Other"],
          stalenessIntervals: [{ reconciler: "FooReconciler", kind: "core/Pod", staleAt: 1, catchUpAt: 2 }],
          faultInjection: [{ reconciler: "FooReconciler", afterWrite: 1 }],
          staleReads: { FooReconciler: ["core/Pod"] },
        },
      },
    ] as unknown as WorkflowFile;
    const res = renameControllers(w, renamesFromSurfaceMap(map));
    const t = res.workflow[0].tuning;
    expect(t?.permuteControllers).toEqual(["FooController", "Other"]);
    expect(t?.stalenessIntervals?.[0].reconciler).toBe("FooController");
    expect(t?.faultInjection?.[0].reconciler).toBe("FooController");
    expect(Object.keys(t?.staleReads ?? {})).toEqual(["FooController"]);
    expect(res.changes).toHaveLength(4);
    expect(res.errors).toEqual([]);
  });

  it("reports an old ID now split across several controllers instead of picking one", () => {
    const w = [{ name: "s/1", tuning: { permuteControllers: ["Reconciler"] } }] as unknown as WorkflowFile;
    const res = renameControllers(w, renamesFromSurfaceMap(map));
    expect(res.workflow[0].tuning?.permuteControllers).toEqual(["Reconciler"]);
    expect(res.errors[0].message).toMatch(/externalsecret\.Reconciler, pushsecret\.Reconciler/);
  });
});
