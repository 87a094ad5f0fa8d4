import { describe, expect, it } from "vitest";
import { allTerminals, explore, get, histogram, type Terminal } from "./harness.ts";

const FILE = "d1_nodes-limit-batching.json";
const PODS = ["pending-1", "pending-2", "pending-3"];
/** The race: which of the two writers reacts first to a new NodeClaim. */
const PROVISIONER_VS_COUNTER = {
  permuteControllers: ["provisioner", "nodepool.counter"],
  permuteAfterEvent: { opType: "CREATE", kind: "karpenter.sh/NodeClaim" },
};

const claims = (t: Terminal) => [...t.objects.keys()].filter((k) => k.startsWith("karpenter.sh/NodeClaim/"));
const nodes = (t: Terminal) => [...t.objects.keys()].filter((k) => k.startsWith("core/Node/"));
const usage = (t: Terminal) =>
  (get(t, "karpenter.sh/NodePool", "", "default")?.status as { resources?: { nodes?: string } } | undefined)
    ?.resources?.nodes;
const bound = (t: Terminal) =>
  PODS.filter((p) => (get(t, "core/Pod", "default", p)?.spec as { nodeName?: string } | undefined)?.nodeName);

/** limits.nodes = 1 holds: one claim, one node, one pod bound, the counter agrees. */
function expectLimitHeld(t: Terminal) {
  expect(t.error).toBeUndefined();
  expect(claims(t)).toHaveLength(1);
  expect(nodes(t)).toHaveLength(1);
  expect(bound(t)).toEqual(["pending-1"]);
  expect(usage(t)).toBe("1");
}

describe("karpenter-lite: provisioner reads usage another controller maintains (Karpenter D1)", () => {
  it("reference run: the counter runs first, the limit holds, one terminal state", async () => {
    const ts = allTerminals(await explore("karpenter-lite", FILE, { mode: "reference" }));
    expect(ts).toHaveLength(1);
    expectLimitHeld(ts[0]);
  });

  it("provisioner before counter: terminal states exceed limits.nodes", async () => {
    const ts = allTerminals(await explore("karpenter-lite", FILE, { tuning: PROVISIONER_VS_COUNTER }));
    expect(histogram(ts).size).toBeGreaterThanOrEqual(2);
    const over = ts.filter((t) => claims(t).length > 1);
    expect(over.length).toBeGreaterThan(0);
    for (const t of over) {
      expect(nodes(t)).toHaveLength(claims(t).length);
      expect(Number(usage(t))).toBeGreaterThan(1); // the counter itself reports the violation afterwards
    }
    expect(new Set(ts.map((t) => claims(t).length))).toEqual(new Set([1, 2, 3]));
    expectLimitHeld(ts.find((t) => claims(t).length === 1) as Terminal);
  });

  it("Monte Carlo trials hit the bypass whenever the provisioner is drawn first", async () => {
    const tuning = { search: { mode: "monte_carlo", monteCarlo: { seed: 9001, trials: 12 } } };
    const ts = allTerminals(await explore("karpenter-lite", FILE, { tuning }));
    expect(ts).toHaveLength(12);
    expect(ts.filter((t) => claims(t).length > 1).length).toBeGreaterThan(0);
  });

  it("karpenter-lite-fixed: counting in-flight claims keeps one terminal state under the same orderings", async () => {
    const ts = allTerminals(await explore("karpenter-lite-fixed", FILE, { tuning: PROVISIONER_VS_COUNTER }));
    expect(histogram(ts).size).toBe(1);
    for (const t of ts) expectLimitHeld(t);
  });
});
