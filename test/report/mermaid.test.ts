import { describe, expect, it } from "vitest";
import { divergenceDiagram, mermaidLabel } from "../../src/report/index.ts";

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

  it("escapes labels so a controller id cannot break out of the diagram", () => {
    expect(mermaidLabel('a"]; click n0 "http://x" <b>`#')).toBe(
      "a#quot;]; click n0 #quot;http://x#quot; #lt;b#gt;#96;#35;",
    );
  });
});
