import { describe, expect, it } from "vitest";
import type { SurfaceController } from "../../src/formats/surface-map.ts";
import { assembleSurfaceMap, checkSurfaceContract } from "../../src/phases/map/index.ts";

const ctrl = (over: Partial<SurfaceController> & { id: string }): SurfaceController => ({
  source: "project.ts",
  fidelity: "simulation",
  for: "kro.run/Application",
  owns: [],
  watches: [],
  reads: [],
  writes: [],
  writesPerReconcile: 0,
  writeOrder: [],
  registered: true,
  sharedState: [],
  hooks: [],
  ...over,
});

const build = (controllers: SurfaceController[]) =>
  assembleSurfaceMap({
    project: "p",
    source: "embedded",
    generatedFrom: [],
    controllers,
    sharedState: [],
    issues: [],
  });

describe("surface-map contract checks (dependency-graph contract, Phase A)", () => {
  it("accepts a well-formed map", () => {
    const map = build([
      ctrl({
        id: "App",
        owns: ["apps/Deployment"],
        writes: [{ kind: "apps/Deployment", op: "CREATE", surface: "any", count: 1 }],
      }),
    ]);
    expect(map.issues).toEqual([]);
  });

  it("names the controller without a primary trigger", () => {
    const map = build([ctrl({ id: "Orphan", for: null })]);
    expect(map.issues).toContainEqual({
      path: "controllers[0].for",
      message: "controller Orphan has no primary trigger (For)",
      severity: "error",
    });
  });

  it("rejects versioned kind strings and suggests the canonical form", () => {
    const map = build([ctrl({ id: "A", owns: ["apps/v1/Deployment"], reads: [{ kind: "v1/Endpoints" }] })]);
    const msgs = checkSurfaceContract(map).map((i) => `${i.path}: ${i.message}`);
    expect(msgs).toContain(
      'controllers[0].owns[0]: kind "apps/v1/Deployment" is not canonical group/Kind (use "apps/Deployment")',
    );
    expect(msgs).toContain(
      'controllers[0].reads[0].kind: kind "v1/Endpoints" is not canonical group/Kind (use "core/Endpoints")',
    );
  });

  it("flags duplicate edges, duplicate IDs and edges that do not resolve", () => {
    const map = build([ctrl({ id: "A", owns: ["core/Service", "core/Service"] }), ctrl({ id: "A" })]);
    map.multiWrites.push({ controller: "Ghost", writes: 2, crashWindows: 1, order: [] });
    map.kinds = map.kinds.filter((k) => k.kind !== "core/Service");
    const msgs = checkSurfaceContract(map).map((i) => i.message);
    expect(msgs).toContain("duplicate trigger edge (A, owns core/Service)");
    expect(msgs).toContain('duplicate controller id "A"');
    expect(msgs).toContain('kind "core/Service" does not resolve to an entry of kinds[]');
    expect(msgs).toContain('controller "Ghost" does not resolve to controllers[]');
  });
});

describe("derived tables", () => {
  const map = build([
    ctrl({
      id: "Instance",
      owns: ["apps/Deployment", "core/Service"],
      reads: [{ kind: "core/ConfigMap" }],
      writes: [
        { kind: "apps/Deployment", op: "CREATE", surface: "any", count: 1 },
        { kind: "core/Service", op: "CREATE", surface: "any", count: 1 },
        { kind: "kro.run/Application", op: "UPDATE", surface: "status", count: 1 },
      ],
      writesPerReconcile: 3,
      writeOrder: ["CREATE apps/Deployment", "CREATE core/Service", "UPDATE kro.run/Application/status"],
    }),
    ctrl({
      id: "Deployments",
      for: "apps/Deployment",
      reads: [{ kind: "core/Service" }],
      writes: [{ kind: "apps/Deployment", op: "UPDATE", surface: "status", count: 1 }],
      writesPerReconcile: 1,
    }),
  ]);

  it("gives N−1 crash windows for an N-write reconcile", () => {
    expect(map.multiWrites).toEqual([
      {
        controller: "Instance",
        writes: 3,
        crashWindows: 2,
        order: ["CREATE apps/Deployment", "CREATE core/Service", "UPDATE kro.run/Application/status"],
      },
    ]);
  });

  it("classifies kinds by role", () => {
    expect(Object.fromEntries(map.kinds.map((k) => [k.kind, k.role]))).toEqual({
      "apps/Deployment": "builtin",
      "core/ConfigMap": "builtin",
      "core/Service": "builtin",
      "kro.run/Application": "user-facing",
    });
  });

  it("chains data flows from the user-facing kind", () => {
    expect(map.dataFlows.map((f) => f.text)).toEqual([
      "kro.run/Application → Instance ⇒ apps/Deployment → Deployments ⇒ apps/Deployment",
    ]);
  });

  it("opens a no-watch window for a read of another controller's object, and a user window for seeded inputs", () => {
    expect(map.vulnerabilityWindows).toEqual([
      expect.objectContaining({
        id: "W1",
        reader: "Deployments",
        kind: "core/Service",
        writers: ["Instance"],
        why: "no watch",
      }),
      expect.objectContaining({
        id: "W2",
        reader: "Instance",
        kind: "core/ConfigMap",
        writers: ["External User"],
        why: "no watch",
      }),
    ]);
  });
});
