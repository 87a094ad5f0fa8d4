import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openEvidenceStore } from "../../src/evidence/index.ts";
import { formatHuntSummary, type HuntSummary, runHunt } from "../../src/phases/hunt/index.ts";

/** The hunt summary says which staleness windows and input depths the planner's sweeps covered (issue #11). */
const FIXTURE = path.resolve(import.meta.dirname, "../fixtures/projects/stale-owner");

describe("hunt summary: sweep coverage", () => {
  let root: string;
  let full: HuntSummary;
  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "ctrlhunt-coverage-"));
    for (const d of ["hypotheses", "evidence"]) fs.mkdirSync(path.join(root, d));
    fs.cpSync(FIXTURE, path.join(root, "projects/stale-owner"), { recursive: true });
    full = await runHunt({ root, project: "stale-owner" });
  }, 120_000);
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it("lists every window and depth it tested, and confirms the stale-owner bug through the window before the Owner exists", () => {
    const stale = full.coverage.find((c) => c.target === "PodGuard reads example.com/Owner");
    expect(stale?.dimension).toBe("staleness");
    expect(stale?.tested[0]).toMatch(/^\[0, \d+\)$/);
    expect(stale?.untested).toEqual([]);
    const timing = full.coverage.find((c) => c.dimension === "user-action-timing");
    expect(timing?.target).toBe("input 0 (relabel: UPDATE example.com/App/default/a)");
    expect(timing?.tested.length).toBeGreaterThan(0);
    const confirmed = openEvidenceStore(root)
      .listHypotheses("stale-owner")
      .filter((h) => h.status === "confirmed" && h.type === "staleness");
    expect(confirmed.map((h) => h.parameters?.staleAt)).toContain(0);
    const text = formatHuntSummary(full);
    expect(text).toContain("coverage (planner sweeps):");
    expect(text).toContain(`stale PodGuard reads example.com/Owner: tested ${stale?.tested.join(" ")}`);
  });

  it("does not run the rest of a sweep once one of its points confirmed, and says so", () => {
    const stale = full.coverage.find((c) => c.target === "PodGuard reads example.com/Owner");
    expect(stale?.tested).toEqual(["[0, 5)"]);
    expect(stale?.superseded).toEqual(["[2, 5)"]);
    // The later window stays unverified (not refuted): `ctrlhunt hunt --from rerun` after a fix tests it.
    const later = openEvidenceStore(root)
      .listHypotheses("stale-owner")
      .find((h) => h.source?.endsWith("PodGuard:example.com/Owner@2-5"));
    expect(later?.status).toBe("unverified");
    expect(formatHuntSummary(full)).toContain("not run (the sweep confirmed) [2, 5)");
  });

  it("says which candidates a state budget left untested", async () => {
    const ws = fs.mkdtempSync(path.join(os.tmpdir(), "ctrlhunt-coverage-cut-"));
    try {
      for (const d of ["hypotheses", "evidence"]) fs.mkdirSync(path.join(ws, d));
      fs.cpSync(FIXTURE, path.join(ws, "projects/stale-owner"), { recursive: true });
      await runHunt({
        root: ws,
        project: "stale-owner",
        phases: ["map", "author", "explore", "analyze", "hypothesize"],
      });
      const cut = await runHunt({
        root: ws,
        project: "stale-owner",
        phases: ["rerun"],
        budget: { states: 1 },
      });
      expect(cut.stoppedAt).toBe("rerun");
      const left = cut.coverage.flatMap((c) => c.untested);
      expect(left.length).toBeGreaterThan(0);
      expect(formatHuntSummary(cut)).toContain(
        `not reached ${cut.coverage.find((c) => c.untested.length)?.untested[0]}`,
      );
    } finally {
      fs.rmSync(ws, { recursive: true, force: true });
    }
  }, 120_000);
});
