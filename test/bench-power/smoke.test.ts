import { describe, expect, it } from "vitest";
import type { Expectation } from "../../bench/power/expect.ts";
import { figures, matchesSymptom } from "../../bench/power/score.ts";
import { runSystem, systemNames } from "../../bench/power/system.ts";
import type { Finding } from "../../src/formats/records.ts";

const expectation: Expectation = {
  planted: true,
  pattern: "missing watch",
  dimension: ["ordering"],
  symptom: {
    invariants: ["report shows the rendered mode"],
    objects: [{ kind: "demo.example/Report", namespace: "teams", name: "payments" }],
  },
};

const finding = (over: Partial<Finding> & Record<string, unknown>): Finding => ({
  id: "F1",
  title: "t",
  severity: "P1",
  status: "confirmed",
  dimensions: ["ordering"],
  citations: [],
  scenario: "s",
  reproduction: "r",
  runs: [],
  baselineHashes: [],
  createdAt: "x",
  updatedAt: "x",
  ...over,
});

describe("bench:power scoring", () => {
  it("matches the planted symptom on the finding's symptom field when it has one", () => {
    const hit = { kind: "invariant" as const, invariants: ["report shows the rendered mode"], objects: [] };
    const miss = {
      kind: "divergence" as const,
      invariants: [],
      objects: [{ kind: "core/ConfigMap", namespace: "teams", name: "payments" }],
    };
    expect(matchesSymptom(finding({ symptom: hit }), expectation)).toBe(true);
    // The field wins over the text: a summary naming the Report does not rescue a symptom about something else.
    expect(
      matchesSymptom(
        finding({ symptom: miss, summary: "demo.example/Report/teams/payments differs" }),
        expectation,
      ),
    ).toBe(false);
  });

  it("falls back to the object names in the finding's text, not to look-alike names", () => {
    expect(
      matchesSymptom(
        finding({ summary: "demo.example/Report/teams/payments differs in status.mode" }),
        expectation,
      ),
    ).toBe(true);
    expect(
      matchesSymptom(finding({ summary: "demo.example/Report/teams/payments-2 differs" }), expectation),
    ).toBe(false);
  });
});

describe("bench:power runner", () => {
  it("lists every system with an expect.json, planted ones each with a twin", () => {
    const names = systemNames();
    expect(names).toContain("missing-watch");
    expect(names).toContain("missing-watch-fixed");
  });

  it("runs one planted system and its twin through the offline hunt and scores them", async () => {
    const planted = await runSystem("missing-watch");
    const twin = await runSystem("missing-watch-fixed");
    expect(planted.error).toBeUndefined();
    expect(twin.error).toBeUndefined();
    expect(planted.huntStates).toBeGreaterThan(0);
    expect(planted.confirmed.some((c) => c.matched)).toBe(true);
    expect(planted.statesToMatch).toBeGreaterThan(0);
    expect(planted.statesToMatch).toBeLessThanOrEqual(planted.huntStates);
    expect(twin.confirmed).toEqual([]);
    const f = figures([planted, twin]);
    expect(f).toMatchObject({ systems: 2, recall: 1, twins: 1, twinsClean: 1 });
    expect(f.maxHuntStates).toBe(Math.max(planted.huntStates, twin.huntStates));
  }, 120_000);
});
