import { describe, expect, it } from "vitest";
import {
  computeMetrics,
  convergenceVerdict,
  diagnoseLoop,
  formatKameraCampaignMetrics,
  formatMetrics,
} from "../../src/analysis/index.ts";
import { summarizeDumpMetrics } from "../../src/formats/run-record.ts";
import { fixture, mcTrials } from "./helpers.ts";

const row = (r: ReturnType<typeof computeMetrics>, inv: string, phase = "") =>
  r.rows.find((x) => x.invocationId === inv && x.phase === phase);

describe("analyze metrics", () => {
  const dumps = [
    fixture("kro/reference.jsonl"),
    fixture("kro/rerun.jsonl"),
    fixture("depth/maxdepth.jsonl"),
    fixture("depth/cycling.jsonl"),
    ...mcTrials().map((t) => t.dump),
    fixture("formats/failure.jsonl"),
  ];

  it("sums kamera's counters per invocation and phase", () => {
    const r = computeMetrics(dumps);
    expect(r.rows.map((x) => `${x.invocationId}/${x.phase}`)).toEqual([
      "inv-a/reference",
      "inv-a/rerun",
      "inv-b/",
      "inv-c/reference",
      "inv-d/",
    ]);
    expect(row(r, "inv-a", "rerun")).toMatchObject({
      dumps: 1,
      uniqueNodeVisits: 12,
      totalNodeVisits: 14,
      uniqueResourceStates: 9,
      durationNs: 1_500_000_000,
      converged: 2,
      aborted: 0,
    });
    // Ten Monte Carlo trials plus one failed child: 60 visits, 10 converged, 1 error dump.
    expect(row(r, "inv-d")).toMatchObject({
      dumps: 11,
      uniqueNodeVisits: 60,
      converged: 10,
      errorDumps: 1,
      dumpsWithoutCampaignMetrics: 1,
    });
  });

  it("gives the Phase E verdicts: double maxDepth, cycling with its culprit, converged", () => {
    const r = computeMetrics(dumps, { maxDepthOf: (s) => (s === "K3/deep-rollout" ? 40 : undefined) });
    const deep = row(r, "inv-b")?.verdict;
    expect(deep?.kind).toBe("max-depth");
    expect(`${deep?.summary}: ${deep?.next}`).toBe("all max-depth aborted, ratio 1.4: double maxDepth to 80");
    const cyc = row(r, "inv-c", "reference")?.verdict;
    expect(cyc?.kind).toBe("cycling");
    expect(cyc?.summary).toBe(
      "cycling 13.4×: depth will not help; likely unconditional status writes by StatusController",
    );
    expect(cyc?.suspects).toEqual(["StatusController"]);
    expect(row(r, "inv-a", "rerun")?.verdict.kind).toBe("converged");
    expect(row(r, "inv-d")?.verdict.summary).toBe("all 10 state(s) converged; 1 error dump(s)");
    // Without the scenario, the advice cannot name a number.
    expect(row(computeMetrics(dumps), "inv-b")?.verdict.next).toBe("double maxDepth");
  });

  it("agrees with summarizeDumpMetrics (the run record's sums)", () => {
    const r = computeMetrics([fixture("depth/maxdepth.jsonl")]);
    const {
      invocationId: _i,
      phase: _p,
      scenarios: _s,
      dumps: _d,
      dumpsWithoutCampaignMetrics: _n,
      cyclingRatio: _c,
      verdict: _v,
      loop: _l,
      ...sums
    } = r.rows[0];
    expect(sums).toEqual(summarizeDumpMetrics([fixture("depth/maxdepth.jsonl")]));
  });

  it("covers the other branches of the decision tree", () => {
    const base = {
      uniqueNodeVisits: 10,
      totalNodeVisits: 12,
      uniqueResourceStates: 5,
      durationNs: 0,
      errorDumps: 0,
    };
    const noLoop = { writes: {}, statusWrites: {}, errors: {} };
    const partial = convergenceVerdict({ ...base, converged: 2, aborted: 3, maxDepthAborted: 3 }, noLoop);
    expect(partial).toMatchObject({ kind: "partial", summary: "2 converged, 3 aborted (3 max-depth)" });
    const other = convergenceVerdict(
      { ...base, converged: 0, aborted: 2, maxDepthAborted: 0 },
      { ...noLoop, topError: "no ready views for FooController" },
    );
    expect(other.kind).toBe("aborted");
    expect(other.summary).toContain('"no ready views for FooController"');
    expect(
      convergenceVerdict({ ...base, converged: 0, aborted: 0, maxDepthAborted: 0, errorDumps: 2 }, noLoop)
        .kind,
    ).toBe("failed");
    expect(diagnoseLoop({ writes: { A: 10, B: 9 }, statusWrites: {}, errors: {} }).cause).toBe(
      "a controller feedback cycle between A and B",
    );
    expect(diagnoseLoop({ writes: { A: 2 }, statusWrites: {}, errors: { B: 7 } }).cause).toBe(
      "error re-enqueue loops by B",
    );
    expect(diagnoseLoop({ writes: { A: 8, B: 1 }, statusWrites: { A: 1 }, errors: {} }).cause).toBe(
      "unconditional writes by A",
    );
  });

  it("reproduces kamera's campaign-metrics table (tabwriter, padding 2, per invocation)", () => {
    const text = formatKameraCampaignMetrics(computeMetrics(dumps).rows);
    expect(text).toBe(
      [
        "invocation_id  dumps  unique_node_visits  total_node_visits  unique_resource_states  duration_ns  error_dumps  aborted_states  max_depth_aborted_states",
        "inv-a          2      18                  20                 15                      1620000000   0            0               0",
        "inv-b          1      10                  14                 8                       300000000    0            2               2",
        "inv-c          1      10                  134                10                      900000000    0            1               1",
        "inv-d          11     60                  60                 60                      100000000    1            0               0",
        "",
      ].join("\n"),
    );
  });

  it("prints a table and one verdict line per row", () => {
    const text = formatMetrics(computeMetrics(dumps, { maxDepthOf: () => 40 }));
    expect(text).toContain("inv-b: all max-depth aborted, ratio 1.4: double maxDepth to 80");
    expect(text).toMatch(/inv-c\s+reference\s+1\s+10\s+134\s+13\.4/);
  });
});
