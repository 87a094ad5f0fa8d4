import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { Dump } from "../../src/formats/dump.ts";
import { annotationOf } from "../../src/formats/scenario-annotation.ts";
import { SurfaceMap, type SurfaceController } from "../../src/formats/surface-map.ts";
import { parseWorkflowText } from "../../src/formats/workflow-io.ts";
import { type AuthorAccess, type AuthorResult, authorScenarios } from "../../src/phases/author/index.ts";
import { assembleSurfaceMap } from "../../src/phases/map/index.ts";
import { writeRecord } from "../../src/workspace/index.ts";

// A kro-like system: InstanceController applies a Deployment and a Service and writes the Application status
// (3 writes); StatusController also writes the Application status when Deployments change (a diamond on the
// Application); DeploymentController reads the Service without watching it (a stale-read window).
const ctrl = (c: Partial<SurfaceController> & { id: string; for: string }): SurfaceController => ({
  source: "projects/app/project.ts",
  fidelity: "simulation",
  owns: [],
  watches: [],
  reads: [],
  writes: [],
  writesPerReconcile: 0,
  writeOrder: [],
  registered: true,
  sharedState: [],
  hooks: [],
  ...c,
});
const map = assembleSurfaceMap({
  project: "app",
  source: "embedded",
  generatedFrom: [],
  sharedState: [],
  issues: [],
  controllers: [
    ctrl({
      id: "InstanceController",
      for: "kro.run/Application",
      owns: ["apps/Deployment", "core/Service"],
      reads: [{ kind: "kro.run/ResourceGraphDefinition" }],
      writes: [
        { kind: "apps/Deployment", op: "CREATE", surface: "any", count: 1 },
        { kind: "core/Service", op: "CREATE", surface: "any", count: 1 },
        { kind: "kro.run/Application", op: "UPDATE", surface: "status", count: 1 },
      ],
      writesPerReconcile: 3,
      writeOrder: ["CREATE apps/Deployment", "CREATE core/Service", "UPDATE kro.run/Application/status"],
    }),
    ctrl({
      id: "StatusController",
      for: "kro.run/Application",
      watches: [{ kind: "apps/Deployment", mapper: "ownerApp" }],
      writes: [{ kind: "kro.run/Application", op: "UPDATE", surface: "status", count: 1 }],
      writesPerReconcile: 1,
    }),
    ctrl({
      id: "DeploymentController",
      for: "apps/Deployment",
      reads: [{ kind: "core/Service" }],
      writes: [{ kind: "apps/Deployment", op: "UPDATE", surface: "status", count: 1 }],
      writesPerReconcile: 1,
    }),
  ],
});

const app = {
  apiVersion: "kro.run/v1alpha1",
  kind: "Application",
  metadata: { name: "web", namespace: "default" },
  spec: { replicas: 1 },
};
const rgd = {
  apiVersion: "kro.run/v1alpha1",
  kind: "ResourceGraphDefinition",
  metadata: { name: "web" },
  spec: {},
};
const existing = [
  {
    name: "k1/baseline",
    environmentState: { objects: [rgd] },
    externalInputs: [{ opType: "CREATE", object: app }],
    tuning: { maxDepth: 30 },
  },
];
const scaleUp = [
  {
    name: "k7/scale-up",
    environmentState: { objects: [rgd, app] },
    externalInputs: [
      { opType: "UPDATE", object: { ...app, spec: { replicas: 3 }, status: { ready: true } } },
    ],
  },
];

const key = (group: string, kind: string, name: string) => ({
  resourceGroup: group,
  resourceKind: kind,
  namespace: "default",
  name,
});
const step = (
  controllerId: string,
  effects: Array<[string, ReturnType<typeof key>]>,
  before: Record<string, number>,
  after: Record<string, number>,
) => ({
  controllerId,
  changes: { effects: effects.map(([OpType, Key]) => ({ OpType, Key })) },
  kindSeqBefore: before,
  kindSeqAfter: after,
});
// Reference path of the seeded base: RGD seq 1, Application seq 2; then the controllers run.
const seq0 = { "kro.run/ResourceGraphDefinition": 1, "kro.run/Application": 2 };
const seq1 = { ...seq0, "apps/Deployment": 3, "core/Service": 4, "kro.run/Application": 5 };
const seq2 = { ...seq1, "kro.run/Application": 6 };
const seq3 = { ...seq2, "apps/Deployment": 7 };
const referenceDump = Dump.parse({
  states: [
    {
      id: "state-0",
      state: { contents: { objects: [] } },
      paths: [
        [
          step(
            "InstanceController",
            [
              ["CREATE", key("apps", "Deployment", "web")],
              ["CREATE", key("", "Service", "web")],
              ["UPDATE", key("kro.run", "Application", "web")],
            ],
            seq0,
            seq1,
          ),
          step("StatusController", [["UPDATE", key("kro.run", "Application", "web")]], seq1, seq2),
          step("DeploymentController", [["UPDATE", key("apps", "Deployment", "web")]], seq2, seq3),
        ],
      ],
    },
  ],
});

const seen: string[] = [];
const access: AuthorAccess = {
  examples: async () => [],
  reference: async (scenario) => {
    seen.push(scenario.name);
    return [referenceDump];
  },
};

const sha = (f: string) => createHash("sha256").update(fs.readFileSync(f)).digest("hex");

describe("author scenarios from a surface map", () => {
  let root: string;
  let scenarios: string;
  let res: AuthorResult;
  let baseHashes: string[];
  const byDim = (d: string) => res.written.filter((w) => w.dimension === d);
  const read = (rel: string) => parseWorkflowText(fs.readFileSync(path.join(root, rel), "utf8"), rel);

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "ctrlhunt-author-"));
    scenarios = path.join(root, "projects", "app", "scenarios");
    fs.mkdirSync(scenarios, { recursive: true });
    fs.writeFileSync(path.join(scenarios, "k1_baseline.json"), `${JSON.stringify(existing, null, 2)}\n`);
    fs.writeFileSync(path.join(scenarios, "k7_scale-up.json"), `${JSON.stringify(scaleUp, null, 2)}\n`);
    baseHashes = ["k1_baseline.json", "k7_scale-up.json"].map((f) => sha(path.join(scenarios, f)));
    writeRecord(SurfaceMap, path.join(root, "projects", "app", "surface-map.json"), map);
    res = await authorScenarios({ root, project: "app", access });
  });

  it("skips the baseline an existing unperturbed scenario already provides", () => {
    expect(byDim("baseline")).toEqual([]);
    expect(res.skipped).toContainEqual(
      expect.objectContaining({ dimension: "baseline", target: "kro.run/Application" }),
    );
  });

  it("permutes the two controllers that race on the Application (diamond)", () => {
    const o = byDim("ordering")[1];
    expect(o.file).toBe("projects/app/scenarios/s2_ordering-instance-controller-vs-status-controller.json");
    const [s] = read(o.file);
    expect(s.name).toBe("s2/ordering-instance-controller-vs-status-controller");
    expect(s.tuning?.permuteControllers).toEqual(["InstanceController", "StatusController"]);
    expect(s.tuning?.maxDepth).toBe(30);
    // Seeds come from k1: the CREATE input is folded into environmentState.
    expect(s.environmentState?.objects?.map((x) => x.kind)).toEqual([
      "ResourceGraphDefinition",
      "Application",
    ]);
    expect(o.annotation.pattern).toMatch(/^diamond convergence: InstanceController and StatusController/);
  });

  it("permutes a writer and a reader fired by one event (create → consume), not writers of disjoint surfaces", () => {
    const o = byDim("ordering")[0];
    expect(o.annotation.pattern).toBe(
      "create → consume: InstanceController writes core/Service that DeploymentController reads; both are triggered by apps/Deployment",
    );
    expect(byDim("ordering")).toHaveLength(2);
  });

  it("calibrates the stale-read window of the unwatched Service from the reference trace", () => {
    const [st] = byDim("staleness");
    const [s] = read(st.file);
    expect(s.tuning?.stalenessIntervals).toEqual([
      { reconciler: "DeploymentController", kind: "core/Service", staleAt: 0, catchUpAt: 5, lag: -1 },
    ]);
    expect(annotationOf(s)?.calibration).toMatchObject({ reference: "reference/application", steps: [0] });
    expect(seen).toEqual(["reference/application"]);
  });

  it("writes one crash scenario per window of the multi-write reconcile", () => {
    const [f] = byDim("fault-injection");
    const wf = read(f.file);
    expect(wf.map((s) => s.name)).toEqual([
      "s4/crash-instance-controller-mid-reconcile-after-1",
      "s4/crash-instance-controller-mid-reconcile-after-2",
    ]);
    expect(wf.map((s) => s.tuning?.faultInjection)).toEqual([
      [
        {
          reconciler: "InstanceController",
          crashAfterEffect: 1,
          triggerOnce: true,
          restartManager: "quiescence",
        },
      ],
      [
        {
          reconciler: "InstanceController",
          crashAfterEffect: 2,
          triggerOnce: true,
          restartManager: "quiescence",
        },
      ],
    ]);
    expect(annotationOf(wf[1])?.window).toBe(
      "crash after write 2 of 3 (CREATE core/Service applied, UPDATE kro.run/Application/status not)",
    );
  });

  it("staggers a spec-only UPDATE of the Application at depths from the reference trace", () => {
    const [u] = byDim("user-action-timing");
    const wf = read(u.file);
    expect(wf.map((s) => s.tuning?.userActionReadyDepths)).toEqual([{ "0": 0 }, { "0": 1 }]);
    const input = wf[0].externalInputs?.[0];
    expect(input).toMatchObject({ opType: "UPDATE", object: { spec: { replicas: 3 } } });
    expect(input?.object).not.toHaveProperty("status");
    expect(wf[0].environmentState?.objects?.some((o) => o.kind === "Application")).toBe(true);
  });

  it("never touches the existing files and is idempotent on a re-run", async () => {
    expect(["k1_baseline.json", "k7_scale-up.json"].map((f) => sha(path.join(scenarios, f)))).toEqual(
      baseHashes,
    );
    const before = fs.readdirSync(scenarios).sort();
    const again = await authorScenarios({ root, project: "app", access });
    expect(again.written).toEqual([]);
    expect(fs.readdirSync(scenarios).sort()).toEqual(before);
    expect(again.skipped.map((s) => s.reason)).toContain("an existing scenario already crashes it");
  });

  it("keeps IDs stable and unique across files", () => {
    expect(res.written.map((w) => w.id)).toEqual(["S1", "S2", "S3", "S4", "S5"]);
  });
});
