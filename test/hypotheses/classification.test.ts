import { describe, expect, it } from "vitest";
import { HypothesisType } from "../../src/formats/records.ts";
import { EVIDENCE_FINDERS } from "../../src/hypotheses/judge/index.ts";
import { PERTURBATIONS } from "../../src/hypotheses/perturbations/index.ts";
import { planHypothesis } from "../../src/hypotheses/plan.ts";
import { CHECKS } from "../../src/hypotheses/preflight/index.ts";
import { mergeTuning } from "../../src/hypotheses/tuning-patch.ts";
import type { PlanContext } from "../../src/hypotheses/types.ts";
import { dump, state, step } from "./helpers/dump-builder.ts";
import { hypothesis, obj, planContext } from "./helpers/fixtures.ts";

/** User edits Foo → A creates a Thing (B and C now race) → B writes twice → C. */
const scenario = {
  name: "race/thing",
  environmentState: { objects: [obj("Foo", "f")] },
  externalInputs: [{ opType: "UPDATE" as const, object: obj("Foo", "f") }],
};
const reference = dump([
  state("state-0", [
    [
      step({
        controller: "External User",
        action: 0,
        writes: [["UPDATE", "core/Foo", "f"]],
        before: { "core/Foo": 1 },
        after: { "core/Foo": 2 },
        pending: ["A"],
      }),
      step({
        controller: "A",
        writes: [["CREATE", "apps/Thing", "t1"]],
        before: { "core/Foo": 2 },
        after: { "core/Foo": 2, "apps/Thing": 3 },
        pending: ["B", "C"],
      }),
      step({
        controller: "B",
        writes: [
          ["UPDATE", "apps/Thing", "t1"],
          ["CREATE", "core/ConfigMap", "c1"],
        ],
        before: { "core/Foo": 2, "apps/Thing": 3 },
        after: { "core/Foo": 2, "apps/Thing": 4, "core/ConfigMap": 5 },
        pending: ["C"],
      }),
      step({ controller: "C", before: { "core/Foo": 2, "apps/Thing": 4, "core/ConfigMap": 5 } }),
    ],
  ]),
]);
const plan = (h: Parameters<typeof hypothesis>[0], extra: Partial<PlanContext> = {}) =>
  planHypothesis({ ...planContext(hypothesis(h), scenario, reference, ["A", "B", "C"]), ...extra });

describe("the Phase J classification table", () => {
  it("has a row for every hypothesis type, and each row's checks and evidence exist", () => {
    expect(Object.keys(PERTURBATIONS).sort()).toEqual([...HypothesisType.options].sort());
    for (const row of Object.values(PERTURBATIONS)) {
      for (const c of row.checks) expect(CHECKS[c]).toBeTypeOf("function");
      for (const e of row.confirmedBy) expect(EVIDENCE_FINDERS[e]).toBeTypeOf("function");
    }
  });

  it("ordering-after-event: permute + the CREATE that opens the race", () => {
    const p = plan({ type: "ordering-after-event", targets: { controllers: ["B", "C"] } });
    expect(p.ok).toBe(true);
    expect(p.tuning).toMatchObject({
      permuteControllers: ["B", "C"],
      permuteAfterEvent: { opType: "CREATE", kind: "apps/Thing" },
    });
    expect(p.notes).toContain(
      "permuteAfterEvent CREATE apps/Thing: step 1 (A) creates apps/Thing/default/t1",
    );
  });

  it("ordering-depth-band: permute + the band where the targets are pending together", () => {
    const p = plan({ type: "ordering-depth-band", targets: { controllers: ["B", "C"] } });
    expect(p.tuning).toMatchObject({ permuteControllers: ["B", "C"], permuteDepthRange: { min: 2, max: 2 } });
  });

  it("user-action-timing: the depth just before the step that opens the race", () => {
    const p = plan({ type: "user-action-timing", targets: { controllers: ["B"] } });
    expect(p.tuning.userActionReadyDepths).toEqual({ "0": 2 });
    // The input fires first on the reference path: no depth between it and the start, so the race decides.
    expect(p.notes.join("\n")).toContain("ready depth 2: just before step 2 (B), which opens the race");
  });

  it("fault-injection: crash between the writes of a multi-write reconcile", () => {
    const p = plan({ type: "fault-injection", targets: { controllers: ["B"] } });
    // The crash is judged after a manager restart (embedded engine, or engine unknown); kamera cannot restart.
    expect(p.tuning.faultInjection).toEqual([
      { reconciler: "B", crashAfterEffect: 1, triggerOnce: true, restartManager: "quiescence" },
    ]);
    const kamera = plan({ type: "fault-injection", targets: { controllers: ["B"] } }, { engine: "kamera" });
    expect(kamera.tuning.faultInjection).toEqual([
      { reconciler: "B", crashAfterEffect: 1, triggerOnce: true },
    ]);
    const single = plan({
      type: "fault-injection",
      targets: { controllers: ["A"] },
      parameters: { crashAfterEffect: 1 },
    });
    expect(single.issues[0]?.message).toBe(
      "crashAfterEffect 1 never triggers: A makes at most 1 write(s) per reconcile on the reference path; choose a value below 1, e.g. 0",
    );
  });

  it("monte-carlo: seeded trials", () => {
    const p = plan({ type: "monte-carlo", parameters: { trials: 7, seed: 42 } });
    expect(p.tuning.search).toEqual({ mode: "monte_carlo", monteCarlo: { seed: 42, trials: 7 } });
  });

  it("unconditional-write: no perturbation at all", () => {
    const p = plan({ type: "unconditional-write", targets: { controllers: ["B"] } });
    expect(p.perturbs).toBe(false);
    expect(p.patch).toEqual({});
  });

  it("rejects a staleness hypothesis without a kind, naming the missing target", () => {
    const p = plan({ type: "staleness", targets: { controllers: ["C"] } });
    expect(p.issues.map((i) => i.message)).toEqual([
      'a staleness hypothesis ("C sees stale K during a window") needs 1 target kinds, got 0; add them with --kinds',
    ]);
  });

  it("rejects a permuteAfterEvent that never happens on the reference path", () => {
    const p = plan({
      type: "ordering-after-event",
      targets: { controllers: ["B", "C"] },
      parameters: { event: { opType: "DELETE", kind: "apps/Thing" } },
    });
    expect(p.issues[0]?.message).toBe(
      "DELETE apps/Thing never happens on the reference path, so permutation never switches on; events seen: CREATE apps/Thing, CREATE core/ConfigMap, UPDATE apps/Thing, UPDATE core/Foo",
    );
  });
});

describe("merging a patch into the base tuning", () => {
  it("keeps the base's entries and order, adds the perturbation's", () => {
    const merged = mergeTuning(
      { maxDepth: 30, permuteControllers: ["X"], userActionReadyDepths: { "1": 4 } },
      { permuteControllers: ["X", "Y"], userActionReadyDepths: { "0": 2 } },
    );
    expect(merged).toEqual({
      maxDepth: 30,
      permuteControllers: ["X", "Y"],
      userActionReadyDepths: { "1": 4, "0": 2 },
    });
    expect(Object.keys(merged)).toEqual(["maxDepth", "permuteControllers", "userActionReadyDepths"]);
  });
});
