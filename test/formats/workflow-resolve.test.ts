import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Scenario } from "../../src/formats/workflow.ts";
import { parseWorkflowText } from "../../src/formats/workflow-io.ts";
import {
  readyDepthIndex,
  resolveScenario,
  resolveWorkflow,
  withoutPerturbations,
} from "../../src/formats/workflow-resolve.ts";
import { lookbackOf } from "../../src/formats/workflow-resolved.ts";
import { readText } from "./fixtures.ts";

const fixture = (name: string) => {
  const file = path.join(import.meta.dirname, "kamera-inputs", name);
  return parseWorkflowText(readText(file), file);
};

const pod = { apiVersion: "v1", kind: "Pod", metadata: { name: "w", namespace: "default" } };

describe("resolveScenario on real files", () => {
  it("karpenter-inputs-mc: monte_carlo with seed 4242 × 6 trials, maxDepth 50, legacy empty userInputs → no actions", () => {
    const [r] = resolveWorkflow(fixture("karpenter-inputs-mc.json"));
    expect(r?.tuning.search).toEqual({
      mode: "monte_carlo",
      seed: 4242,
      trials: 6,
      trialIndex: 0,
      scenarioGroup: "karpenter-mc-active#0",
    });
    expect(r?.tuning.maxDepth).toBe(50);
    expect(r?.tuning.maxDepthFrom).toBe("scenario");
    expect(r?.actions).toEqual([]);
    expect(r?.tuning.staleness).toEqual({ mode: "none" });
  });

  it("crossplane two-step (maxDepth 0, null tuning fields): default depth 10, nothing permuted", () => {
    const rs = resolveWorkflow(fixture("crossplane__two-step-workflow.json"));
    for (const r of rs) {
      expect(r.tuning.maxDepth).toBe(10);
      expect(r.tuning.maxDepthFrom).toBe("default");
      expect(r.tuning.permuteControllers).toEqual([]);
    }
    expect(
      resolveWorkflow(fixture("crossplane__two-step-workflow.json"), { defaultMaxDepth: 40 })[0]?.tuning
        .maxDepth,
    ).toBe(40);
  });

  it("G1 interval file: userInputs[].type becomes G2 actions with opType, ready at convergence", () => {
    const [r] = resolveWorkflow(fixture("crossplane__interval_composition-update-races-xr-fetch.json"));
    expect(r?.generation).toBe("G1");
    expect(r?.actions[0]).toMatchObject({
      index: 0,
      id: "update composition while xr is bound",
      opType: "UPDATE",
      readyAtDepth: null,
    });
    expect(r?.actions[0]).not.toHaveProperty("type");
    expect(r?.tuning.staleness.mode).toBe("intervals");
  });

  it("zookeeper stale-state-1: S2 keeps freezeAt/activateAtDepth; a CREATE of a seeded object runs as UPDATE", () => {
    const rs = resolveWorkflow(fixture("zookeeper-operator-stale-state-1.json"));
    const s2 = rs[1];
    expect(s2?.tuning.staleness).toMatchObject({
      mode: "intervals",
      intervals: [{ staleAt: 32, catchUpAt: 200, lag: -1, freezeAt: 17, activateAtDepth: 105 }],
    });
    const converted = s2?.actions.find((a) => a.convertedFrom === "CREATE");
    expect(converted?.opType).toBe("UPDATE");
    expect(s2?.notes.some((n) => n.includes("runs as UPDATE"))).toBe(true);
  });

  it("crossplane event-triggered: action 0 ready at depth 0, permutation after a CompositionRevision CREATE", () => {
    const [r] = resolveWorkflow(
      fixture(
        "crossplane-workflow_crossplane-staleness_composition-update-races-xr-fetch-event-triggered.json",
      ),
    );
    expect(r?.actions[0]?.readyAtDepth).toBe(0);
    expect(r?.tuning.permuteAfterEvent).toEqual({
      opType: "CREATE",
      kind: "apiextensions.crossplane.io/CompositionRevision",
    });
  });
});

describe("resolveScenario rules", () => {
  const base = (tuning: Scenario["tuning"]): Scenario => ({
    name: "t/x",
    environmentState: { objects: [pod] },
    externalInputs: [{ opType: "UPDATE", object: pod }],
    tuning,
  });

  it("any monteCarlo field forces monte_carlo even with mode empty", () => {
    expect(
      resolveScenario(base({ search: { mode: "", monteCarlo: { trials: 3 } } })).tuning.search,
    ).toMatchObject({
      mode: "monte_carlo",
      trials: 3,
      seed: 0,
    });
    expect(resolveScenario(base({ search: { mode: " DFS " } })).tuning.search).toEqual({ mode: "dfs" });
    expect(
      resolveScenario(base({ search: { mode: "Monte_Carlo" } }), { index: 2 }).tuning.search,
    ).toMatchObject({
      mode: "monte_carlo",
      trials: 1,
      scenarioGroup: "t/x#2",
    });
  });

  it("stalenessIntervals win over staleReads; staleLookback ≤ 0 becomes 1", () => {
    const iv = { reconciler: "R", kind: "core/Pod", staleAt: 1, catchUpAt: 3, lag: -1 };
    const both = resolveScenario(base({ stalenessIntervals: [iv], staleReads: { R: ["core/Pod"] } }));
    expect(both.tuning.staleness.mode).toBe("intervals");
    expect(both.notes).toContain("staleReads is ignored because stalenessIntervals is set");
    const legacy = resolveScenario(
      base({ staleReads: { R: ["core/Pod"], Q: null }, staleLookback: { "core/Pod": 0 } }),
    );
    expect(legacy.tuning.staleness).toEqual({
      mode: "legacy",
      staleReads: { R: ["core/Pod"], Q: [] },
      staleLookback: { "core/Pod": 1 },
    });
    expect(lookbackOf(legacy.tuning.staleness, "apps/Deployment")).toBe(1);
  });

  it("userActionReadyDepths keys are read like Go's %d; blank ids get user-input-<i>", () => {
    expect(readyDepthIndex("12")).toBe(12);
    expect(readyDepthIndex("first")).toBe(0);
    const r = resolveScenario(base({ userActionReadyDepths: { first: 4 } }));
    expect(r.actions[0]).toMatchObject({ id: "user-input-0", readyAtDepth: 4 });
    expect(r.notes).toContain('userActionReadyDepths key "first" is read as action index 0');
  });

  it("fault injection defaults: triggerOnce false, no recovery or arming depth", () => {
    const r = resolveScenario(base({ faultInjection: [{ reconciler: "R", crashAfterEffect: 2 }] }));
    expect(r.tuning.faultInjection).toEqual([
      {
        reconciler: "R",
        crashAfterEffect: 2,
        triggerOnce: false,
        recoverAtDepth: null,
        triggerAfterDepth: null,
      },
    ]);
  });

  it("a reference run receives the scenario without permutation, staleness or crashes, but with action timing", () => {
    const r = resolveScenario(
      base({
        permuteControllers: ["A"],
        permuteDepthRange: { min: 1, max: 4 },
        userActionReadyDepths: { "0": 3 },
        faultInjection: [{ reconciler: "R", crashAfterEffect: 0 }],
        stalenessIntervals: [{ reconciler: "R", kind: "core/Pod", staleAt: 1, catchUpAt: 3, lag: -1 }],
      }),
    );
    const ref = withoutPerturbations(r);
    expect(ref.tuning).toMatchObject({
      permuteControllers: [],
      permuteDepthRange: null,
      staleness: { mode: "none" },
      faultInjection: [],
    });
    expect(ref.actions[0]?.readyAtDepth).toBe(3);
    expect(r.tuning.permuteControllers).toEqual(["A"]);
  });
});
