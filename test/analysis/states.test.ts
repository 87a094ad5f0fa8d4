import { describe, expect, it } from "vitest";
import {
  applyMask,
  computeStates,
  formatStates,
  parseMasks,
  parseProjection,
  resolveCitations,
} from "../../src/analysis/index.ts";
import { FIXTURES, fixture, mcTrials } from "./helpers.ts";

// The ten Monte Carlo trials end in: A ×4, A with another resourceVersion ×2, A with another condition timestamp ×1,
// B (ConfigMap never created, app Degraded) ×3 — see test/fixtures/dumps/scenarios.ts.
const counts = (r: ReturnType<typeof computeStates>) => r.groups.map((g) => [g.count, g.percent]);

describe("analyze states", () => {
  it("groups terminal states by contents hash, as the jq loop does", () => {
    const r = computeStates(mcTrials());
    expect(r).toMatchObject({ dumps: 10, states: 10, paths: 10, groupedBy: "hash" });
    expect(counts(r)).toEqual([
      [4, 40],
      [3, 30],
      [2, 20],
      [1, 10],
    ]);
    // The histogram key is the last step's contentsHashAfter of each trial.
    const trial0 = mcTrials()[0].dump.states?.[0].paths?.[0]?.at(-1)?.contentsHashAfter;
    expect(r.groups[0].hash).toBe(trial0);
    expect(r.groups[0].representative).toMatchObject({
      dump: "mc/trial_0.jsonl",
      stateId: "state-0",
      pathIndex: 0,
      stepIndex: 4,
    });
  });

  it("merges noise-only differences under masks", () => {
    expect(counts(computeStates(mcTrials(), { mask: parseMasks(["resourceVersion"]) }))).toEqual([
      [6, 60],
      [3, 30],
      [1, 10],
    ]);
    const both = computeStates(mcTrials(), { mask: parseMasks(["resourceVersion,timestamps"]) });
    expect(counts(both)).toEqual([
      [7, 70],
      [3, 30],
    ]);
    expect(both.groupedBy).toBe("masked-hash");
    expect(Object.values(both.groups[0].hashes).sort()).toEqual([1, 2, 4]);
    // A user JSON path does the same job as the named timestamp mask here.
    const paths = computeStates(mcTrials(), {
      mask: parseMasks(["resourceVersion", "status.conditions[*].lastTransitionTime"]),
    });
    expect(counts(paths)).toEqual(counts(both));
  });

  it("--mask default is what the judge masks: bookkeeping only, every named mask and timestamps", () => {
    const d = parseMasks(["default"]);
    expect(d.names).toEqual([
      "resourceVersion",
      "generation",
      "managedFields",
      "uid",
      "timestamps",
      "observedGeneration",
      "unorderedLists",
      "events",
      "metadata.creationTimestamp",
      "metadata.selfLink",
    ]);
    expect(d.timestamps).toBe(true);
    expect(d.kinds).toEqual(["core/Event", "events.k8s.io/Event"]);
    // The fixture's trials differ in resourceVersion and condition timestamps only, besides the real outcome.
    expect(counts(computeStates(mcTrials(), { mask: d }))).toEqual([
      [7, 70],
      [3, 30],
    ]);
  });

  it("groups by outcome family: which objects exist, and chosen fields", () => {
    const exists = computeStates(mcTrials(), { projection: parseProjection({ exists: "core/ConfigMap" }) });
    expect(exists.groups.map((g) => [g.family?.exists, g.count])).toEqual([
      [["core/ConfigMap/default/my-app-config"], 7],
      [[], 3],
    ]);
    const field = computeStates(mcTrials(), {
      projection: parseProjection({ fields: ["Application:status.state"] }),
    });
    expect(field.groups.map((g) => [g.family?.fields, g.percent])).toEqual([
      [{ "kro.run/Application/default/my-app:status.state": "Ready" }, 70],
      [{ "kro.run/Application/default/my-app:status.state": "Degraded" }, 30],
    ]);
  });

  it("counts states and paths across phases of a DFS run", () => {
    const r = computeStates([
      { id: "kro/reference.jsonl", dump: fixture("kro/reference.jsonl") },
      { id: "kro/rerun.jsonl", dump: fixture("kro/rerun.jsonl") },
    ]);
    expect(r.groups.map((g) => [g.count, g.paths, g.phases])).toEqual([
      [2, 3, { reference: 1, rerun: 1 }],
      [1, 1, { rerun: 1 }],
    ]);
  });

  it("gives representative citations that resolve in the dumps", () => {
    const r = computeStates(mcTrials(), { mask: parseMasks(["resourceVersion"]) });
    expect(
      resolveCitations(
        FIXTURES,
        r.groups.map((g) => g.representative),
      ),
    ).toEqual(r.groups.map(() => ({ ok: true })));
  });

  it("prints counts, percentages and a representative per group", () => {
    const text = formatStates(
      computeStates(mcTrials(), { mask: parseMasks(["resourceVersion,timestamps"]) }),
    );
    expect(text).toContain(
      "10 terminal state(s) over 10 path(s) in 10 dump(s): 2 group(s) by masked contents hash (masks: resourceVersion, timestamps)",
    );
    expect(text).toMatch(/ 7\s+70\.0%\s+\w{8}\s+\[converged 7\]/);
    expect(text).toContain("e.g. mc/trial_1.jsonl state-0 path 0 step 4 (InstanceController)");
  });

  it("rejects bad masks and projections as usage errors", () => {
    expect(() => parseMasks(["status..x"])).toThrow(/bad JSON path/);
    expect(() => parseProjection({ fields: ["status.state"] })).toThrow(/kind:path/);
  });
});

describe("the default mask's normalisations", () => {
  it("ignores the order of finalizers, owner references and conditions, and observedGeneration", () => {
    const a = {
      metadata: {
        name: "x",
        finalizers: ["a", "b"],
        ownerReferences: [
          { name: "p", uid: "1" },
          { name: "q", uid: "2" },
        ],
      },
      status: {
        observedGeneration: 1,
        conditions: [{ type: "Ready" }, { type: "Available", observedGeneration: 1 }],
      },
    };
    const b = {
      metadata: {
        name: "x",
        finalizers: ["b", "a"],
        ownerReferences: [
          { name: "q", uid: "2" },
          { name: "p", uid: "1" },
        ],
      },
      status: {
        observedGeneration: 2,
        conditions: [{ type: "Available", observedGeneration: 2 }, { type: "Ready" }],
      },
    };
    const mask = parseMasks(["default"]);
    expect(applyMask(a, mask)).toEqual(applyMask(b, mask));
    // A different set is still a difference.
    expect(applyMask({ ...b, metadata: { ...b.metadata, finalizers: ["b"] } }, mask)).not.toEqual(
      applyMask(a, mask),
    );
  });
});
