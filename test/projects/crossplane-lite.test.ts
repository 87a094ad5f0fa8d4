import { describe, expect, it } from "vitest";
import type { Dump, DumpStep } from "../../src/formats/dump.ts";
import { allTerminals, condition, explore, get, histogram, type Terminal } from "./harness.ts";
import { hideRevision2Validation } from "./perturbations.ts";

const FILE = "f5_composition-revision-rollout.json";
const REVISION = "apiextensions.crossplane.io/CompositionRevision";
const ALL = ["CompositeReconciler", "CompositionReconciler", "RevisionReconciler", "NopResourceReconciler"];

const xr = (t: Terminal) => get(t, "example.org/XWidget", "default", "example");
const boundTo = (t: Terminal) =>
  (xr(t)?.spec as { compositionRevisionRef?: { name?: string } } | undefined)?.compositionRevisionRef?.name;
const region = (t: Terminal, res: string) =>
  (
    get(t, "nop.crossplane.io/NopResource", "default", `example-${res}`)?.spec as {
      forProvider?: { region?: string };
    }
  )?.forProvider?.region;

function expectRolledOut(t: Terminal) {
  expect(t.error).toBeUndefined();
  expect(boundTo(t)).toBe("xwidgets-2");
  expect([region(t, "bucket"), region(t, "database")]).toEqual(["eu-west-1", "eu-west-1"]);
  expect(condition(xr(t), "Ready")?.status).toBe("True");
}

/** The XR still composes from revision 1 although revision 2 exists and is valid — and reports Ready. */
function expectStuckOnRevision1(t: Terminal) {
  expect(t.error).toBeUndefined();
  expect(get(t, REVISION, "", "xwidgets-2")).toBeDefined();
  expect(condition(get(t, REVISION, "", "xwidgets-2"), "ValidPipeline")?.status).toBe("True");
  expect(boundTo(t)).toBe("xwidgets-1");
  expect([region(t, "bucket"), region(t, "database")]).toEqual(["us-east-1", "us-east-1"]);
  expect(condition(xr(t), "Ready")?.status).toBe("True");
}

const path0 = (d: Dump): DumpStep[] => d.states?.[0]?.paths?.[0] ?? [];

describe("crossplane-lite: XR selects revisions from a cache it never watches (Crossplane F1/F5)", () => {
  it("reference run: both user actions fire at quiescence and the XR rolls out to revision 2", async () => {
    const ts = allTerminals(await explore("crossplane-lite", FILE, { mode: "reference" }));
    expect(ts).toHaveLength(1);
    expectRolledOut(ts[0]);
  });

  it("ordering alone raises no false alarm", async () => {
    const ts = allTerminals(await explore("crossplane-lite", FILE, { tuning: { permuteControllers: ALL } }));
    expect(histogram(ts).size).toBe(1);
    expectRolledOut(ts[0]);
  });

  it("staleness: a revision cache that missed revision 2's validation leaves the XR on revision 1 for good", async () => {
    // Calibrated from the reference path: frozen from revision 2's creation, so its ValidPipeline=True is hidden.
    const window = hideRevision2Validation(
      (await explore("crossplane-lite", FILE, { mode: "reference" }))[0].dump,
    );
    expect(window.catchUpAt).toBeGreaterThan(window.staleAt + 1);
    const tuning = { permuteControllers: ALL, stalenessIntervals: [window] };
    const ts = allTerminals(await explore("crossplane-lite", FILE, { tuning }));
    expect(ts.length).toBeGreaterThan(0);
    for (const t of ts) expectStuckOnRevision1(t);
  });

  it("user-action timing: poking the XR early strands it on revision 1; later depths are fine", async () => {
    const steps = path0((await explore("crossplane-lite", FILE, { mode: "reference" }))[0].dump);
    const actionDepth = (i: number) =>
      steps.findIndex((s) => s.stepMetadata?.["userAction.index"] === String(i));
    const outcomes = new Map<number, "stuck" | "rolled-out">();
    // kamera's interleaving planner: every depth strictly between action 0 and action 1 on the reference path.
    for (let d = actionDepth(0) + 1; d < actionDepth(1); d++) {
      const [t, ...rest] = allTerminals(
        await explore("crossplane-lite", FILE, { tuning: { userActionReadyDepths: { "1": d } } }),
      );
      expect(rest).toHaveLength(0);
      outcomes.set(d, boundTo(t) === "xwidgets-1" ? "stuck" : "rolled-out");
      if (outcomes.get(d) === "stuck") expectStuckOnRevision1(t);
      else expectRolledOut(t);
    }
    expect([...outcomes.values()]).toContain("stuck");
    expect([...outcomes.values()]).toContain("rolled-out");
  });
});
