import { describe, expect, it } from "vitest";
import {
  calibrate,
  checkStalenessWindow,
  formatKindSeq,
  kindTraces,
  pathsOf,
  statesOf,
} from "../../src/analysis/index.ts";
import { fixture } from "./helpers.ts";

// Reference path (sequences: seed Application = 1; then 2 Deployment, 3 ConfigMap, 4 App status, 5 user scale,
// 6 Deployment scale).
describe("analyze kindseq", () => {
  const r = calibrate("kro/reference.jsonl", fixture("kro/reference.jsonl"));

  it("lists where each kind's sequence advanced, with CREATE events and depth bands", () => {
    const app = r.kinds.find((k) => k.kind === "kro.run/Application");
    expect(app).toMatchObject({ initial: 1, final: 5, frontier: [1, 4, 5], depthBand: { min: 2, max: 3 } });
    expect(app?.advances.map((a) => [a.step, a.controllerId, a.before, a.after])).toEqual([
      [2, "InstanceController", 1, 4],
      [3, "External User", 4, 5],
    ]);
    const cm = r.kinds.find((k) => k.kind === "core/ConfigMap");
    expect(cm?.creates).toEqual([
      { step: 1, controllerId: "ConfigController", object: "core/ConfigMap/default/my-app-config" },
    ]);
    expect(r.pathControllers).toEqual(["InstanceController", "ConfigController", "External User"]);
    expect(r.steps[3]).toEqual({ step: 3, depth: 3, controllerId: "External User", effects: 1, writes: 1 });
  });

  it("suggests live staleness windows, permuteAfterEvent and userActionReadyDepths", () => {
    expect(r.suggestions.stalenessIntervals).toEqual([
      {
        kind: "kro.run/Application",
        staleAt: 4,
        catchUpAt: 6,
        lag: -1,
        hides: { step: 3, controllerId: "External User", sequence: 5 },
        reconcilers: ["InstanceController"],
        // InstanceController had requeued itself before the hidden write, so it runs inside the window.
        queuedBefore: ["InstanceController"],
      },
    ]);
    expect(r.suggestions.permuteAfterEvent.map((e) => e.kind)).toEqual(["apps/Deployment", "core/ConfigMap"]);
    expect(r.suggestions.userActionReadyDepths.map((u) => [u.actionIndex, u.depth, u.controllerId])).toEqual([
      [0, 0, "InstanceController"],
      [0, 1, "ConfigController"],
    ]);
    const text = formatKindSeq([r]);
    expect(text).toContain(
      'stalenessIntervals: {"reconciler": "InstanceController", "kind": "kro.run/Application", "staleAt": 4, "catchUpAt": 6, "lag": -1}',
    );
    expect(text).toContain('userActionReadyDepths: {"0": 1}');
  });

  it("reads the Go-cased dump the same way", () => {
    const go = calibrate("kro/go-casing.jsonl", fixture("kro/go-casing.jsonl"));
    expect(go.suggestions).toEqual(r.suggestions);
  });

  it("pre-flights a staleness window: expired, never entered, nothing hidden, live", () => {
    const path = pathsOf(statesOf(fixture("kro/reference.jsonl"))[0])[0];
    const app = kindTraces(path).find((t) => t.kind === "kro.run/Application");
    // The F5 mistake: the window closed before the run started (initial sequence 1 ≥ catchUpAt 1).
    const expired = checkStalenessWindow({ kind: "kro.run/Application", staleAt: 0, catchUpAt: 1 }, app);
    expect(expired.live).toBe(false);
    expect(expired.reasons[0]).toMatch(
      /expired before the run: initial kro.run\/Application sequence 1 ≥ catchUpAt 1/,
    );
    expect(
      checkStalenessWindow({ kind: "kro.run/Application", staleAt: 9, catchUpAt: 12 }, app).reasons[0],
    ).toMatch(/never entered/);
    const idle = checkStalenessWindow({ kind: "kro.run/Application", staleAt: 1, catchUpAt: 3 }, app);
    expect([idle.live, idle.effective]).toEqual([true, false]);
    const good = checkStalenessWindow({ kind: "kro.run/Application", staleAt: 1, catchUpAt: 5 }, app, {
      userActionSteps: [3],
    });
    expect([good.live, good.effective, good.hiddenWrites]).toEqual([true, true, [2]]);
    expect(good.reasons).toEqual(["catchUpAt 5 is the user action at step 3 itself"]);
  });
});
