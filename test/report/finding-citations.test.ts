import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { Finding } from "../../src/formats/records.ts";
import { baselineHashesOf } from "../../src/hypotheses/run-workspace.ts";
import { findingView } from "../../src/report/finding-view.ts";

const REPO = path.resolve(import.meta.dirname, "../..");
/** kro-lite's confirmed crash finding as the bundled hunt recorded it (three crash points of one mechanism). */
const bundled = Finding.parse(
  JSON.parse(fs.readFileSync(path.join(REPO, "evidence/kro-lite/findings/F1.json"), "utf8")),
);
const noFacts = { paths: new Map(), distributions: new Map() };
const stepOf = (c: { dump: string; stateId: string; pathIndex: number; step: string }) =>
  `${c.dump} ${c.stateId} ${c.pathIndex} ${c.step}`;

describe("a finding's citation table", () => {
  it("lists each cited step once, numbered C1… in order of first appearance, however often it was cited", () => {
    // A re-run that re-confirms the same mechanism cites the same reference step again.
    const f = { ...bundled, citations: [...bundled.citations, ...bundled.citations] };
    const rows = findingView(f, [], noFacts).citations;
    const keys = rows.map(stepOf);
    expect(new Set(keys).size).toBe(keys.length);
    expect(rows.map((r) => r.ref)).toEqual(rows.map((_, i) => `C${i + 1}`));
    const firstSeen = [
      ...new Set(
        bundled.citations.map(
          (c) => `${c.dump} ${c.stateId} ${c.pathIndex} ${c.stepIndex < 0 ? "terminal" : c.stepIndex}`,
        ),
      ),
    ];
    expect(keys).toEqual(firstSeen);
    expect(rows[0]?.note).toBe(bundled.citations[0]?.note);
  });

  it("says what the hit rate counts: terminal states, or trials for a Monte Carlo finding", () => {
    expect(findingView({ ...bundled, hitRate: { k: 1, n: 2 } }, [], noFacts).hitRate).toBe(
      "1 of 2 terminal states (50%)",
    );
    const mc = {
      ...bundled,
      dimensions: ["monte-carlo" as const, "ordering" as const],
      hitRate: { k: 8, n: 20 },
    };
    expect(findingView(mc, [], noFacts).hitRate).toBe("8 of 20 trials (40%)");
  });

  it("pins only the bad outcomes of the judgement, so the pinned-baseline column marks no reference state", () => {
    const expected = bundled.citations
      .filter((c) => c.note?.startsWith("expected"))
      .map((c) => c.contentsHash);
    const bad = bundled.citations.filter((c) => c.note?.startsWith("divergent")).map((c) => c.contentsHash);
    expect(expected.length).toBeGreaterThan(0);
    const pinned = baselineHashesOf(bundled.citations.filter((c) => !c.note?.startsWith("explain")));
    expect(pinned).toEqual([...new Set(bad)].sort());
    const f = { ...bundled, baselineHashes: pinned };
    const view = findingView(f, [], {
      paths: new Map(),
      distributions: new Map([[f.id, [expected[0], ...bad].map((hash) => ({ hash: hash ?? "", count: 1 }))]]),
    });
    expect(view.distribution.map((d) => d.pinned)).toEqual([false, ...bad.map(() => true)]);
  });
});
