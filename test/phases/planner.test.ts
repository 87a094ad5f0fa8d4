import { describe, expect, it } from "vitest";
import { SurfaceMap } from "../../src/formats/surface-map.ts";
import type { ReferenceFacts, StepFact } from "../../src/hypotheses/index.ts";
import { planProposals, proposeHypotheses, type ReferenceView } from "../../src/phases/plan/index.ts";

const controller = (id: string, f: string, writes: string[], reads: string[] = []) => ({
  id,
  source: "project.ts",
  fidelity: "simulation",
  for: f,
  reads: reads.map((kind) => ({ kind })),
  writes: writes.map((kind) => ({ kind, op: "UPDATE", surface: "spec", count: 1 })),
  writesPerReconcile: writes.length,
});

const map = SurfaceMap.parse({
  project: "demo",
  source: "embedded",
  controllers: [
    controller("Parent", "demo.io/Parent", ["demo.io/Child", "demo.io/Parent", "core/ConfigMap"]),
    controller("Placer", "demo.io/Child", ["demo.io/Parent"]),
    controller("Reader", "demo.io/Other", ["demo.io/Other"], ["core/ConfigMap"]),
  ],
  kinds: [],
  vulnerabilityWindows: [
    {
      id: "W1",
      reader: "Reader",
      kind: "core/ConfigMap",
      writers: ["Parent"],
      assumption: "current",
      violation: "Parent wrote it since the last read",
      why: "no watch",
    },
  ],
});

const step = (
  index: number,
  controllerId: string,
  writes: number,
  pendingAfter: string[],
  actionIndex?: number,
): StepFact => ({
  index,
  depth: index,
  controllerId,
  writes: Array.from({ length: writes }, (_, i) => ({
    opType: "UPDATE",
    kind: "demo.io/Child",
    key: `demo.io/Child/ns/c${i}`,
  })),
  reads: [],
  kindSeqBefore: {},
  kindSeqAfter: {},
  pendingAfter,
  ...(actionIndex !== undefined ? { actionIndex } : {}),
});

const facts = (steps: StepFact[], extra: Partial<ReferenceFacts> = {}): ReferenceFacts => ({
  dump: "runs/R1/dumps/ref.jsonl",
  stateId: "state-0",
  steps,
  initialKindSeq: {},
  controllersSeen: ["Parent", "Placer", "Reader"],
  terminals: { total: 1, converged: 1, aborted: 0, maxDepthAborted: 0, errors: [] },
  actionsFired: [],
  ...extra,
});

const view = (f: ReferenceFacts, actions = 0): ReferenceView => ({
  file: "projects/demo/scenarios/d1_demo.json",
  scenario: {
    name: "d1/demo",
    environmentState: { objects: [{ apiVersion: "demo.io/v1", kind: "Parent", metadata: { name: "p" } }] },
    externalInputs: Array.from({ length: actions }, (_, i) => ({
      id: `poke-${i}`,
      opType: "UPDATE" as const,
      object: { apiVersion: "demo.io/v1", kind: "Parent", metadata: { name: "p" } },
    })),
  },
  facts: f,
});

describe("the offline planner", () => {
  const steps = [
    step(0, "Parent", 3, ["Placer", "Placer", "Placer", "Reader"]),
    step(1, "Placer", 1, ["Placer", "Placer", "Reader"]),
  ];
  const proposals = proposeHypotheses({ map, references: [view(facts(steps))] });
  const rules = proposals.map((p) => p.rule);

  it("proposes a crash after each write but the last of a multi-write reconcile", () => {
    const crashes = proposals.filter((p) => p.rule === "crash-after-each-write");
    expect(crashes.map((p) => p.parameters?.crashAfterEffect)).toEqual([1, 2]);
    expect(crashes.every((p) => p.type === "fault-injection" && p.controllers[0] === "Parent")).toBe(true);
  });

  it("samples a wide race of one controller with Monte Carlo before searching its orderings", () => {
    const mc = proposals.find((p) => p.rule === "racing-many");
    const dfs = proposals.find((p) => p.rule === "co-pending-writers" && p.controllers.join() === "Placer");
    expect(mc?.type).toBe("monte-carlo");
    expect(mc?.controllers).toEqual(["Placer"]);
    expect(dfs?.type).toBe("ordering-depth-band");
    expect(proposals.indexOf(mc!)).toBeLessThan(proposals.indexOf(dfs!));
  });

  it("samples once per scenario however many races are wide: a trial draws among every ready reconcile", () => {
    const wide = [
      step(0, "Parent", 2, ["Placer", "Placer", "Placer", "Reader", "Reader", "Reader"]),
      step(1, "Placer", 1, ["Placer", "Placer", "Reader", "Reader", "Reader"]),
    ];
    const mcs = proposeHypotheses({ map, references: [view(facts(wide))] }).filter(
      (p) => p.rule === "racing-many",
    );
    expect(mcs).toHaveLength(1);
    expect(mcs[0]?.controllers).toEqual(["Placer", "Reader"]);
    expect(mcs[0]?.claim).toContain("3 of Placer");
    expect(mcs[0]?.claim).toContain("3 of Reader");
  });

  it("proposes no race among one controller's reconciles when, on the reference, they touch disjoint objects", () => {
    // Each Placer reconcile reads its own Child and writes a Parent: its own (disjoint), or one they share.
    const placer = (i: number, parent: string): StepFact => ({
      ...step(i, "Placer", 0, i < 3 ? ["Placer", "Placer"].slice(0, 3 - i) : []),
      reads: [{ kind: "demo.io/Child", key: `demo.io/Child/ns/c${i}` }],
      writes: [{ opType: "UPDATE", kind: "demo.io/Parent", key: `demo.io/Parent/ns/${parent}` }],
    });
    const selfRaces = (parents: string[]) =>
      proposeHypotheses({
        map,
        references: [
          view(
            facts([
              step(0, "Parent", 0, ["Placer", "Placer", "Placer"]),
              ...parents.map((p, i) => placer(i + 1, p)),
            ]),
          ),
        ],
      }).filter((p) => p.controllers.join() === "Placer" && p.rule !== "crash-after-each-write");
    expect(selfRaces(["p1", "p2", "p3"])).toEqual([]);
    expect(
      selfRaces(["p", "p", "p"])
        .map((p) => p.rule)
        .sort(),
    ).toEqual(["co-pending-writers", "racing-many"]);
  });

  it("proposes one staleness hypothesis per distinct window of a read without a watch, capped", () => {
    // Parent creates the ConfigMap (sequence 2) and updates it (3, 4); Reader reads it after each write.
    const cmWrite = (index: number, op: string, seq: number): StepFact => ({
      ...step(index, "Parent", 0, ["Reader"]),
      writes: [{ opType: op, kind: "core/ConfigMap", key: "core/ConfigMap/ns/cfg" }],
      kindSeqBefore: { "core/ConfigMap": seq - 1 },
      kindSeqAfter: { "core/ConfigMap": seq },
    });
    const read = (index: number, seq: number): StepFact => ({
      ...step(index, "Reader", 0, []),
      reads: [{ kind: "core/ConfigMap", key: "core/ConfigMap/ns/cfg" }],
      kindSeqBefore: { "core/ConfigMap": seq },
      kindSeqAfter: { "core/ConfigMap": seq },
    });
    const trace = [
      cmWrite(0, "CREATE", 2),
      read(1, 2),
      cmWrite(2, "UPDATE", 3),
      read(3, 3),
      cmWrite(4, "UPDATE", 4),
      read(5, 4),
    ];
    const { proposals: ps, coverage } = planProposals({ map, references: [view(facts(trace))] });
    const stale = ps.filter((p) => p.rule === "stale-read-without-watch");
    expect(stale[0]).toMatchObject({ type: "staleness", controllers: ["Reader"], kinds: ["core/ConfigMap"] });
    // First: from before the ConfigMap exists until after the first read; then the last write before the last read.
    expect(stale.map((p) => [p.parameters?.staleAt, p.parameters?.catchUpAt])).toEqual([
      [0, 3],
      [3, 5],
      [0, 5],
      [2, 4],
    ]);
    expect(stale.map((p) => p.score)).toEqual([85, 79, 73, 67]);
    const family = coverage.find((f) => f.dimension === "staleness");
    expect(family?.candidates.filter((c) => !c.proposed).map((c) => c.label)).toEqual(["[0, 4)", "[2, 5)"]);
  });

  it("ranks cheap single-path perturbations first, deterministically", () => {
    expect(rules.indexOf("crash-after-each-write")).toBe(0);
    expect(rules.lastIndexOf("co-pending-writers")).toBe(rules.length - 1);
    expect(proposeHypotheses({ map, references: [view(facts(steps))] })).toEqual(proposals);
    expect(new Set(proposals.map((p) => p.key)).size).toBe(proposals.length);
  });

  it("times an UPDATE input at each depth before it fired at quiescence, racing the controllers still at work", () => {
    const seeded = facts(
      [
        step(0, "Parent", 1, ["Placer"]),
        step(1, "Placer", 0, ["Placer"]),
        step(2, "Placer", 1, []),
        step(3, "External User", 1, ["Parent"], 0),
      ],
      { actionsFired: [0] },
    );
    const timing = proposeHypotheses({ map, references: [view(seeded, 1)] }).filter(
      (p) => p.rule === "user-action-timing",
    );
    // Depth 2 follows a step that wrote nothing: the input would see the same state as at depth 1.
    expect(timing.map((p) => p.parameters)).toEqual([
      { actionIndex: 0, readyDepth: 0 },
      { actionIndex: 0, readyDepth: 1 },
    ]);
    expect(timing[0]).toMatchObject({ type: "user-action-timing", controllers: ["Parent", "Placer"] });
    expect(timing[1]?.controllers).toEqual(["Placer"]);
  });

  it("suspects an unconditional writer when the reference cycles", () => {
    const cycling = facts([step(0, "Parent", 3, []), step(1, "Parent", 3, [])], { cyclingRatio: 5 });
    const [c] = proposeHypotheses({ map, references: [view(cycling)] }).filter((p) => p.rule === "cycling");
    expect(c).toMatchObject({ type: "unconditional-write", controllers: ["Parent"], severity: "P3" });
  });

  it("proposes only what the engine can run: gated orderings fall back to plain ones, the rest is dropped", () => {
    const onlyOrdering = proposeHypotheses({
      map,
      references: [view(facts(steps))],
      runnable: new Set(["ordering"] as const),
    });
    expect(new Set(onlyOrdering.map((p) => p.type))).toEqual(new Set(["ordering"]));
    // Same races, same keys: the co-pending-writers proposals survive as plain orderings.
    const races = proposals.filter((p) => p.rule === "co-pending-writers").map((p) => p.key);
    expect(onlyOrdering.map((p) => p.key).sort()).toEqual([...races].sort());
    expect(proposeHypotheses({ map, references: [view(facts(steps))], runnable: new Set() })).toEqual([]);
  });
});
