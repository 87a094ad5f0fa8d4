import fs from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { loadProjectRecords, openEvidenceStore } from "../../src/evidence/index.ts";
import { richWorkspace } from "../report/fixture.ts";
import { crashRun, exited, FAST_TMP, startWriter } from "./crash-run.ts";
import { PROJECT } from "./workspace.ts";

/** Quick versions for every test run; crash-safety.slow.test.ts (npm run test:crash) does ≥ 100 writes. */
describe("crash safety and concurrency", () => {
  const roots: string[] = [];
  afterEach(() => {
    for (const r of roots.splice(0)) fs.rmSync(r, { recursive: true, force: true });
  });

  it("SIGKILL at random points during record/report writes leaves every file whole, IDs unique", async () => {
    const { root } = richWorkspace(FAST_TMP);
    roots.push(root);
    const r = await crashRun(root, { minWrites: 20, maxKills: 20, seed: 7 });
    expect(r.writes).toBeGreaterThanOrEqual(20);
    expect(r.kills).toBeGreaterThanOrEqual(1);
    const records = loadProjectRecords(root, PROJECT);
    expect(records.issues).toEqual([]);
    const before = records.findings.map((f) => f.record.id);
    // A killed writer's lock is taken over; its half-done ID allocations are never handed out again.
    const next = openEvidenceStore(root, { lockTimeoutMs: 10_000 }).addFinding(PROJECT, {
      ...records.findings[0].record,
      title: "after the crashes",
    });
    expect(before).not.toContain(next.id);
  }, 120_000);

  it("two concurrent ctrlhunt processes adding and updating findings lose no update", async () => {
    const { root } = richWorkspace(FAST_TMP);
    roots.push(root);
    const n = 12;
    const children = ["a", "b"].map((tag) => {
      const child = startWriter(["concurrent", root, tag, String(n)]);
      let stderr = "";
      child.stderr?.on("data", (d) => (stderr += d));
      return exited(child).then((end) => ({ code: end.code, stderr }));
    });
    for (const r of await Promise.all(children)) expect(r).toEqual({ code: 0, stderr: "" });
    const want = ["a", "b"].flatMap((t) => Array.from({ length: n }, (_, i) => `${t}-${i}`)).sort();
    const store = openEvidenceStore(root);
    const added = store.listFindings(PROJECT).filter((f) => /^[ab]-\d+$/.test(f.title));
    expect(added.map((f) => f.title).sort()).toEqual(want);
    expect(new Set(added.map((f) => f.id)).size).toBe(2 * n);
    expect(
      store
        .readFinding(PROJECT, "F1")
        .runs.filter((r) => /^[ab]-/.test(r))
        .sort(),
    ).toEqual(want);
  }, 120_000);
});
