import { describe, expect, it } from "vitest";
import { divergenceDiagram, mermaidLabel, perturbationMark } from "../../src/report/index.ts";

describe("divergent-path diagram", () => {
  it("draws the shared prefix once and branches where the orderings part", () => {
    const out = divergenceDiagram([
      { terminal: "state-0 · aaa", controllers: ["External User", "A", "B"] },
      { terminal: "state-1 · bbb", controllers: ["External User", "B", "A"] },
    ]);
    expect(out.split("\n")).toEqual([
      "flowchart LR",
      '  start(["start"])',
      '  start --> n0["External User"]',
      '  n0 --> n1["A"]',
      '  n1 --> n2["B"]',
      '  n2 --> t0[["state-0 · aaa"]]',
      '  n0 --> n3["B"]',
      '  n3 --> n4["A"]',
      '  n4 --> t1[["state-1 · bbb"]]',
    ]);
  });

  it("collapses a long shared prefix and repeated controllers", () => {
    const shared = ["A", "B", "C", "D", "E"];
    const out = divergenceDiagram([
      { terminal: "s0", controllers: [...shared, "X", "X", "X"] },
      { terminal: "s1", controllers: [...shared, "Y"] },
    ]);
    expect(out).toContain('start --> n0["5 shared steps, last E"]');
    expect(out).toContain('n0 --> n1["X ×3"]');
    expect(out).toContain('n0 --> n2["Y"]');
  });

  it("names and highlights the step where a perturbation acted, as the dump's step metadata records it", () => {
    const stale = [{ Key: "apps/Deployment/default/web", ObservedRV: 1, CurrentRV: 2, Lag: 1 }];
    expect(perturbationMark({ stepMetadata: { "ctrlhunt.crashed": "true" } })).toBe("crash");
    expect(perturbationMark({ stepMetadata: { "ctrlhunt.restart": "manager" } })).toBe("manager restart");
    expect(perturbationMark({ stalenessInfo: stale })).toBe("stale read");
    expect(perturbationMark({ stepMetadata: { "userAction.index": "1" } })).toBe("user action 1");
    expect(perturbationMark({ stepMetadata: {}, stalenessInfo: [] })).toBeUndefined();
    const out = divergenceDiagram([
      { terminal: "ok", controllers: ["User", "A", "B"], marks: ["user action 0", undefined, undefined] },
      { terminal: "bad", controllers: ["User", "A", "B"], marks: ["user action 0", "crash", undefined] },
    ]).split("\n");
    expect(out).toContain('  start --> n0["User ⚡ user action 0"]');
    expect(out).toContain('  n0 --> n3["A ⚡ crash"]');
    expect(out.at(-1)).toBe("  class n0,n3 perturbed");
  });

  it("escapes labels so a controller id cannot break out of the diagram", () => {
    expect(mermaidLabel('a"]; click n0 "http://x" <b>`#')).toBe(
      "a#quot;]; click n0 #quot;http://x#quot; #lt;b#gt;#96;#35;",
    );
  });
});
