import fs from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { loadProjectRecords, openEvidenceStore } from "../../src/evidence/index.ts";
import { richWorkspace } from "../report/fixture.ts";
import { crashRun, FAST_TMP } from "./crash-run.ts";
import { PROJECT } from "./workspace.ts";

/** The issue's acceptance run (npm run test:crash): SIGKILL at random points during ≥ 100 record/report writes. */
describe("crash safety (full)", () => {
  const roots: string[] = [];
  afterEach(() => {
    for (const r of roots.splice(0)) fs.rmSync(r, { recursive: true, force: true });
  });

  it("≥ 100 writes under random SIGKILLs leave no corrupted or half-written file", async () => {
    const { root } = richWorkspace(FAST_TMP);
    roots.push(root);
    const r = await crashRun(root, { minWrites: 100, maxKills: 80, seed: 20260302 });
    console.log(
      `crash run: ${r.kills} SIGKILLs, ${r.writes} completed writes, ${r.checked} files parsed whole`,
    );
    expect(r.writes).toBeGreaterThanOrEqual(100);
    expect(r.kills).toBeGreaterThanOrEqual(5);
    expect(loadProjectRecords(root, PROJECT).issues).toEqual([]);
    const ids = loadProjectRecords(root, PROJECT).findings.map((f) => f.record.id);
    const next = openEvidenceStore(root, { lockTimeoutMs: 10_000 }).addFinding(PROJECT, {
      ...loadProjectRecords(root, PROJECT).findings[0].record,
      title: "after",
    });
    expect(ids).not.toContain(next.id);
  }, 600_000);
});
