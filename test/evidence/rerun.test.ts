import { describe, expect, it } from "vitest";
import { buildRerunSection, compareRerun } from "../../src/evidence/index.ts";
import { Finding } from "../../src/formats/records.ts";

const f = (id: string, baselineHashes: string[], extra: Partial<Finding> = {}): Finding =>
  Finding.parse({
    id,
    title: id,
    severity: "P2",
    status: "confirmed",
    dimensions: ["ordering"],
    scenario: "projects/p/scenarios/a.json",
    reproduction: "",
    baselineHashes,
    createdAt: "2026-01-01",
    updatedAt: "2026-01-01",
    ...extra,
  });

const groups = (...hs: string[]) => [
  { scenario: "projects/p/scenarios/a.json", groups: hs.map((hash) => ({ hash, count: 5 })) },
];

describe("re-run comparison", () => {
  it("still reproduces while any pinned bad outcome is reached; collapsed to one other state it no longer does", () => {
    // F3 was confirmed through several variants and pins each one's bad outcome.
    const findings = [f("F1", ["b"]), f("F2", ["c"]), f("F3", ["b", "x"])];
    expect(compareRerun(findings, groups("a", "b")).map((v) => [v.finding, v.verdict])).toEqual([
      ["F1", "still-reproduces"],
      ["F2", "shifts"],
      ["F3", "still-reproduces"],
    ]);
    expect(compareRerun(findings, groups("a")).map((v) => v.verdict)).toEqual([
      "no-longer-reproduces",
      "no-longer-reproduces",
      "no-longer-reproduces",
    ]);
    expect(compareRerun([f("F1", ["bad"])], groups("bad"))[0].verdict).toBe("still-reproduces");
  });

  it("ignores a pinned hash the finding cites as the reference's expected outcome (records before the fix)", () => {
    const cite = (contentsHash: string, note: string) => ({
      dump: "d.jsonl",
      stateId: "state-0",
      pathIndex: 0,
      stepIndex: -1,
      controllerId: "",
      contentsHash,
      note,
    });
    const old = f("F1", ["good", "bad"], {
      citations: [cite("good", "expected outcome: terminal state good"), cite("bad", "divergent outcome: …")],
    });
    expect(compareRerun([old], groups("good"))[0].verdict).toBe("no-longer-reproduces");
    expect(compareRerun([old], groups("good", "bad"))[0].verdict).toBe("still-reproduces");
  });

  it("skips retracted findings and findings whose scenario was not re-run", () => {
    const findings = [
      f("F1", ["a", "b"], { status: "false-positive" }),
      f("F2", ["a", "b"], { scenario: "other.json" }),
    ];
    expect(compareRerun(findings, groups("a", "b"))).toEqual([]);
  });

  it("matches a finding found on a variant by the variant file", () => {
    const v = f("F4", ["a", "b"], { variant: "projects/p/scenarios/a-hypothesis-1.json" });
    const obs = [
      {
        scenario: "projects/p/scenarios/a-hypothesis-1.json",
        groups: [
          { hash: "a", count: 3 },
          { hash: "b", count: 1 },
        ],
      },
    ];
    expect(compareRerun([v], obs)[0]).toEqual({
      finding: "F4",
      verdict: "still-reproduces",
      note: "2 terminal state(s) over 4 trial(s); every pinned bad outcome reappears",
    });
  });

  it("builds the dated section with commits and numeric metrics only", () => {
    const s = buildRerunSection({
      date: "2026-03-12",
      whatChanged: "controller fix",
      commits: [{ hash: "0123456789abcdef0123", subject: "fix race" }],
      metricsBefore: { uniqueNodeVisits: 10, totalNodeVisits: 40 },
      metricsAfter: { uniqueNodeVisits: 8, totalNodeVisits: 9 },
      verdicts: [{ finding: "F1", verdict: "no-longer-reproduces", note: "1 state" }],
    });
    expect(s.commits).toEqual(["0123456789ab fix race"]);
    expect(s.metricsAfter).toEqual({ uniqueNodeVisits: 8, totalNodeVisits: 9 });
  });
});
