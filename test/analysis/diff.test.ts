import { describe, expect, it } from "vitest";
import {
  computeDiff,
  formatDiff,
  formatKameraDiff,
  parseMasks,
  resolveCitations,
} from "../../src/analysis/index.ts";
import { FIXTURES, fixture, mcTrials } from "./helpers.ts";

const rerun = () => [{ id: "kro/rerun.jsonl", dump: fixture("kro/rerun.jsonl") }];

describe("analyze diff", () => {
  it("finds the objects that differ between the two terminal states of the race", () => {
    const r = computeDiff(rerun());
    expect(r.targets.map((t) => t.stateId)).toEqual(["state-0", "state-1"]);
    expect(r.identical).toBe(1); // the Deployment ends the same on every path
    expect(r.differing.map((d) => d.object)).toEqual([
      "core/ConfigMap/default/my-app-config",
      "kro.run/Application/default/my-app",
    ]);
    expect(r.differing[0].versions[1].hash).toBeNull();
  });

  it("gives field-level changes (microdiff)", () => {
    const app = computeDiff(rerun()).differing[1];
    expect(app.fields).toHaveLength(1);
    const f = app.fields[0];
    expect("changes" in f && f.changes).toEqual(
      expect.arrayContaining([
        { type: "CHANGE", path: "status.state", from: "Ready", to: "Degraded" },
        { type: "CREATE", path: "status.conditions[0].reason", to: "ConfigMissing" },
        { type: "REMOVE", path: "status.conditions[0].lastTransitionTime", from: "2024-01-01T00:00:00Z" },
      ]),
    );
  });

  it("names the last write of each differing object on each path (kamera's lastwrite rule)", () => {
    const cm = computeDiff(rerun()).differing[0];
    const [a, b] = computeDiff(rerun()).targets.map((t) => t.label);
    expect(cm.lastWrites.map((w) => [w.target, w.pathIndex, w.kind, w.stepIndex, w.controllerId])).toEqual([
      [a, 0, "write", 1, "ConfigController"],
      [a, 1, "write", 0, "ConfigController"],
      [b, 0, "never-present", -1, ""],
    ]);
    const cites = computeDiff(rerun()).differing.flatMap((d) => d.lastWrites.map((w) => w.citation));
    expect(resolveCitations(FIXTURES, cites).every((x) => x.ok)).toBe(true);
  });

  it("compares selected groups, with masks, across Monte Carlo trials", () => {
    const all = computeDiff(mcTrials());
    expect(all.targets).toHaveLength(4);
    const masked = computeDiff(mcTrials(), { mask: parseMasks(["resourceVersion,timestamps"]) });
    expect(masked.targets.map((t) => t.groupSize)).toEqual([7, 3]);
    const pick = computeDiff(mcTrials(), {
      select: [all.targets[0].hash.slice(0, 6), "mc/trial_3.jsonl@state-0", "nope"],
    });
    expect(pick.targets.map((t) => t.dump)).toEqual(["mc/trial_0.jsonl", "mc/trial_3.jsonl"]);
    expect(pick.unmatched).toEqual(["nope"]);
    // trial 3 differs from trial 0 only in metadata.resourceVersion.
    const f = pick.differing[0].fields[0];
    expect("changes" in f && f.changes).toEqual([
      { type: "CHANGE", path: "metadata.resourceVersion", from: "5", to: "7" },
    ]);
  });

  it("prints kamera's report shape", () => {
    const text = formatDiff(computeDiff(rerun()));
    expect(text).toContain("2 terminal state(s) with 2 differing object(s), 1 identical");
    expect(text).toMatch(/core\/ConfigMap\/default\/my-app-config:\n\s+\w{8}: \w{7}\n\s+\w{8}: \(missing\)/);
    expect(text).toContain("path 1: step 0 by ConfigController");
    expect(text).toContain('~ status.state: "Ready" → "Degraded"');
    expect(formatDiff(computeDiff([{ id: "r", dump: fixture("kro/reference.jsonl") }]))).toContain(
      "fewer than two terminal states",
    );
  });

  it("--format kamera reproduces `kamera analyze diff`: every state, Kind/ns/name, 7-character hashes", () => {
    const r = computeDiff(rerun(), { eachState: true });
    const [cm, app] = r.differing;
    expect(formatKameraDiff(r)).toBe(
      [
        "2 converged states with 2 differing object(s), 1 identical",
        "",
        "  ConfigMap/default/my-app-config:",
        `    State state-0: ${cm.versions[0].hash?.slice(0, 7)}`,
        "    State state-1: (missing)",
        "",
        "  Application/default/my-app:",
        `    State state-0: ${app.versions[0].hash?.slice(0, 7)}`,
        `    State state-1: ${app.versions[1].hash?.slice(0, 7)}`,
        "",
      ].join("\n"),
    );
  });
});
