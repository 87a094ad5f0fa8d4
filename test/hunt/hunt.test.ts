import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveCitation } from "../../src/analysis/index.ts";
import { lintWorkspace, openEvidenceStore } from "../../src/evidence/index.ts";
import { citedStepKey } from "../../src/formats/citation.ts";
import { readHuntState } from "../../src/phases/hunt/index.ts";
import { runCli } from "../helpers/run-cli.ts";
import { tempWorkspace } from "../helpers/temp-workspace.ts";

describe("ctrlhunt hunt kro-lite (offline)", () => {
  let root: string;
  let first: Awaited<ReturnType<typeof runCli>>;
  beforeAll(async () => {
    root = tempWorkspace(["kro-lite"]);
    first = await runCli(["hunt", "kro-lite", "--workspace", root, "--json"], {
      env: { SOURCE_DATE_EPOCH: "1767225600" },
    });
  }, 120_000);
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it("runs every phase and confirms the planted crash bug as a fault-injection finding", () => {
    expect(first.code, first.stderr).toBe(0);
    const summary = JSON.parse(first.stdout);
    expect(summary.ran).toEqual([
      "map",
      "author",
      "explore",
      "analyze",
      "report",
      "hypothesize",
      "rerun",
      "rollup",
    ]);
    const confirmed = openEvidenceStore(root)
      .listFindings("kro-lite")
      .filter((f) => f.status === "confirmed");
    expect(confirmed).toHaveLength(1);
    expect(confirmed[0]?.dimensions).toContain("fault-injection");
    expect(confirmed[0]?.severity).toBe("P1");
  });

  it("backs every confirmed claim with citations that resolve, and the lint passes", () => {
    const store = openEvidenceStore(root);
    for (const f of store.listFindings("kro-lite").filter((x) => x.status === "confirmed")) {
      expect(f.citations.length).toBeGreaterThan(0);
      for (const c of f.citations) expect(resolveCitation(root, c)).toEqual({ ok: true });
    }
    const lint = lintWorkspace(root, { project: "kro-lite" });
    expect(lint.issues.filter((i) => i.severity !== "warning")).toEqual([]);
  });

  it("cites each step once, pins only the bad outcomes, marks the crash in the diagram, and gives a reproduction that runs from the workspace", async () => {
    const [f] = openEvidenceStore(root)
      .listFindings("kro-lite")
      .filter((x) => x.status === "confirmed");
    const steps = (f?.citations ?? []).map((c) => citedStepKey(c));
    expect(new Set(steps).size).toBe(steps.length);
    const expected = (f?.citations ?? [])
      .filter((c) => c.note?.startsWith("expected"))
      .map((c) => c.contentsHash);
    const bad = (f?.citations ?? [])
      .filter((c) => c.note?.startsWith("divergent"))
      .map((c) => c.contentsHash);
    expect(bad.length).toBeGreaterThan(0);
    expect(f?.baselineHashes).toEqual(expect.arrayContaining(bad));
    expect(f?.baselineHashes.filter((h) => expected.includes(h) && !bad.includes(h))).toEqual([]);
    const analysis = fs.readFileSync(path.join(root, "evidence/kro-lite/ANALYSIS.md"), "utf8");
    expect(analysis).toMatch(/\d+ of \d+ terminal states \(\d+%\)/);
    // The divergent path's diagram names and highlights the step where the injected crash fired.
    expect(analysis).toMatch(/\["[^"]+ ⚡ crash[^"]*"\]/);
    expect(analysis).toMatch(/class [\w,]+ perturbed/);
    const repro = f?.reproduction ?? "";
    expect(repro).not.toContain("/tmp");
    for (const cmd of repro.split(" && ")) {
      const args = cmd.split(" ").slice(1);
      const r = await runCli(args, { cwd: root });
      expect(r.code, `${cmd}: ${r.stderr}`).toBe(0);
    }
    expect(fs.readdirSync(path.join(root, "repro/kro-lite")).length).toBeGreaterThan(0);
  });

  it("renders ANALYSIS.md and BUG-FINDINGS.md stating the finding, and the rollup counts equal the records", () => {
    const [f] = openEvidenceStore(root)
      .listFindings("kro-lite")
      .filter((x) => x.status === "confirmed");
    const analysis = fs.readFileSync(path.join(root, "evidence/kro-lite/ANALYSIS.md"), "utf8");
    expect(analysis).toContain(`${f?.id}:`);
    expect(analysis).toContain("P1");
    const rollup = fs.readFileSync(path.join(root, "evidence/BUG-FINDINGS.md"), "utf8");
    expect(rollup).toMatch(/\*\*kro-lite\*\* \| 1 \| 1×P1/);
    expect(rollup).toContain("**Total confirmed bugs: 1**");
  });

  it("records every phase and, run again, repeats none of them", async () => {
    const before = readHuntState(root, "kro-lite");
    expect(Object.values(before.phases).every((p) => p.status === "done")).toBe(true);
    const runsBefore = openEvidenceStore(root).listRuns("kro-lite").length;
    const again = await runCli(["hunt", "kro-lite", "--workspace", root, "--json"]);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).ran).toEqual([]);
    expect(again.stderr).toContain("· map (already done)");
    expect(openEvidenceStore(root).listRuns("kro-lite").length).toBe(runsBefore);
  });

  it("--from rollup repeats only the last phase", async () => {
    const again = await runCli(["hunt", "kro-lite", "--workspace", root, "--from", "rollup", "--json"]);
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout).ran).toEqual(["rollup"]);
  });
});

describe("hunt budgets", () => {
  it("stops when the state budget is exhausted, then resumes without repeating finished phases", async () => {
    const root = tempWorkspace(["kro-lite"]);
    try {
      const cut = await runCli(["hunt", "kro-lite", "--workspace", root, "--budget-states", "40", "--json"]);
      expect(cut.code).toBe(3);
      const s = JSON.parse(cut.stdout);
      expect(s.stoppedAt).toBe("rerun");
      expect(s.stopReason).toMatch(/state budget exhausted/);
      const tested = openEvidenceStore(root)
        .listHypotheses("kro-lite")
        .filter((h) => h.status !== "unverified").length;
      expect(tested).toBeGreaterThan(0);
      const rest = await runCli(["hunt", "kro-lite", "--workspace", root, "--json"]);
      expect(rest.code, rest.stderr).toBe(0);
      expect(JSON.parse(rest.stdout).ran).toEqual(["rerun", "rollup"]);
      expect(
        openEvidenceStore(root)
          .listHypotheses("kro-lite")
          .every((h) => h.status !== "unverified"),
      ).toBe(true);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  }, 120_000);

  it("rejects a bad phase name with a usage error naming the flag", async () => {
    const r = await runCli(["hunt", "kro-lite", "--phases", "map,frobnicate"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--phases/);
  });
});
