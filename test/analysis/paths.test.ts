import { describe, expect, it } from "vitest";
import { computePaths, formatPaths, resolveCitations } from "../../src/analysis/index.ts";
import { FIXTURES, fixture, mcTrials } from "./helpers.ts";

describe("analyze paths", () => {
  const r = computePaths([{ id: "kro/rerun.jsonl", dump: fixture("kro/rerun.jsonl") }]);

  it("writes Phase G's ordering evidence block for each path", () => {
    expect(r.totalPaths).toBe(3);
    expect(r.paths[2].evidence).toBe(
      [
        "Ordering: [InstanceController, InstanceController, ConfigController, External User, InstanceController]",
        "Path: state[1].paths[0]",
        "Steps: 0 (InstanceController) → 1 (InstanceController) → 2 (ConfigController) → 3 (External User) → 4 (InstanceController)",
        `Outcome: converged at step 4, final state hash ${r.paths[2].terminalHash}`,
      ].join("\n"),
    );
  });

  it("lists writes, errors, user actions, staleness and first/last writes per object", () => {
    const b = r.paths[2];
    expect(b.errors).toEqual([
      { step: 2, controllerId: "ConfigController", error: "owner my-app is Degraded" },
    ]);
    expect(b.userActionSteps).toEqual([3]);
    expect(b.steps[3].userAction).toEqual({ id: "scale-app", type: "UPDATE", index: 0 });
    expect(b.steps[1].writes).toEqual([
      { op: "UPDATE", object: "kro.run/Application/default/my-app", subresource: "status" },
    ]);
    expect(b.objectWrites["apps/Deployment/default/my-app"]).toEqual({
      first: { step: 0, controllerId: "InstanceController" },
      last: { step: 4, controllerId: "InstanceController" },
    });
    expect(r.paths[0].staleSteps).toEqual([4]);
    expect(r.paths[0].steps[2].pending).toEqual([
      { reconcilerId: "InstanceController", request: "default/my-app", source: "Requeue" },
    ]);
    expect(
      resolveCitations(
        FIXTURES,
        r.paths.map((p) => p.citation),
      ).every((x) => x.ok),
    ).toBe(true);
  });

  it("counts who ran first per outcome (orderings families)", () => {
    const first = r.families.filter((f) => f.by === "first");
    expect(first.map((f) => [f.controller, f.paths])).toEqual([
      ["InstanceController", 2],
      ["ConfigController", 1],
    ]);
    expect(Object.keys(first[1].outcomes)).toEqual([r.paths[1].terminalHash]);
  });

  it("describes aborted paths and keeps only --limit paths while counting all", () => {
    const cyc = computePaths([{ id: "c", dump: fixture("depth/cycling.jsonl") }]);
    expect(cyc.paths[0].outcomeText).toMatch(/^aborted \(max depth\) at step 11, final state hash \w{8}$/);
    const limited = computePaths(mcTrials(), { limit: 2 });
    expect([limited.totalPaths, limited.shown]).toEqual([10, 2]);
    expect(formatPaths(limited)).toContain("10 path(s), showing 2");
  });
});
