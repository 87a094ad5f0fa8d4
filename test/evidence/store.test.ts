import fs from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { resolveCitation } from "../../src/analysis/resolve-citation.ts";
import { openEvidenceStore } from "../../src/evidence/index.ts";
import { clockFromEnv } from "../../src/workspace/index.ts";
import { makeWorkspace, PROJECT, raceCitations, raceDump, runInput, writeLooseDump } from "./workspace.ts";

const clock = clockFromEnv({ SOURCE_DATE_EPOCH: "1772409600" }); // 2026-03-02

function finding(overrides: Record<string, unknown> = {}) {
  return {
    title: "Order ends failed when StockController runs first",
    severity: "P1" as const,
    status: "observation" as const,
    dimensions: ["ordering" as const],
    scenario: `projects/${PROJECT}/scenarios/k1_order-race.json`,
    reproduction: "ctrlhunt explore shop k1_order-race.json",
    ...overrides,
  };
}

describe("evidence store", () => {
  it("round-trips a finding, keeps unknown fields and stamps times from the clock", () => {
    const store = openEvidenceStore(makeWorkspace(), { clock });
    const f = store.addFinding(PROJECT, { ...finding(), auditNotes: "kept as is" } as never);
    expect(f.id).toBe("F1");
    expect(f.createdAt).toBe("2026-03-02T00:00:00.000Z");
    const back = store.readFinding(PROJECT, "F1");
    expect(back).toEqual(f);
    expect((back as Record<string, unknown>).auditNotes).toBe("kept as is");
    const text = fs.readFileSync(path.join(store.root, "evidence", PROJECT, "findings", "F1.json"), "utf8");
    expect(JSON.parse(text).title).toBe(f.title);
  });

  it("never reuses an ID, even after a retraction or a deleted file", () => {
    const store = openEvidenceStore(makeWorkspace(), { clock });
    store.addFinding(PROJECT, finding());
    store.addFinding(PROJECT, finding());
    const r = store.retractFinding(PROJECT, "F2", { status: "false-positive", reason: "harness gap" });
    expect(r.status).toBe("false-positive");
    expect(r.retraction).toEqual({
      reason: "harness gap",
      date: "2026-03-02",
      previousStatus: "observation",
    });
    fs.rmSync(path.join(store.root, "evidence", PROJECT, "findings", "F2.json"));
    expect(store.addFinding(PROJECT, finding()).id).toBe("F3");
    expect(store.listFindings(PROJECT).map((f) => f.id)).toEqual(["F1", "F3"]);
  });

  it("orders IDs numerically and reports a missing record as NOT_FOUND", () => {
    const store = openEvidenceStore(makeWorkspace(), { clock });
    for (let i = 0; i < 11; i++) store.addFinding(PROJECT, finding());
    expect(
      store
        .listFindings(PROJECT)
        .map((f) => f.id)
        .slice(8),
    ).toEqual(["F9", "F10", "F11"]);
    expect(() => store.readFinding(PROJECT, "F99")).toThrow(/F99 not found/);
    expect(() => store.readFinding(PROJECT, "../x")).toThrow(/invalid record id/);
  });

  it("writes hypotheses as YAML with their own never-reused H<n> IDs", () => {
    const store = openEvidenceStore(makeWorkspace(), { clock });
    const h = store.addHypothesis(PROJECT, {
      claim: "StockController before OrderController fails the order",
      type: "ordering",
      targets: { controllers: ["OrderController", "StockController"], kinds: [] },
      status: "unverified",
    });
    expect(h.id).toBe("H1");
    const file = path.join(store.root, "hypotheses", PROJECT, "H1.yaml");
    expect(fs.readFileSync(file, "utf8")).toMatch(/^claim: StockController before/m);
    const done = store.updateHypothesis(PROJECT, "H1", (x) => ({
      ...x,
      status: "refuted",
      reason: "1 state",
    }));
    expect(store.readHypothesis(PROJECT, "H1")).toEqual(done);
    expect(store.listHypotheses(PROJECT).map((x) => x.status)).toEqual(["refuted"]);
  });

  it("records a run: dumps copied under runs/R<n>/dumps, paths relative to the workspace", () => {
    const root = makeWorkspace();
    const store = openEvidenceStore(root, { clock });
    const loose = writeLooseDump(root);
    const run = store.recordRun(PROJECT, runInput(loose), [loose]);
    expect(run.runId).toBe("R1");
    expect(run.dumps).toEqual([`evidence/${PROJECT}/runs/R1/dumps/race-0.jsonl`]);
    expect((run as Record<string, unknown>).engineRunId).toBe("engine-run-7");
    expect(fs.readFileSync(path.join(root, run.dumps[0]), "utf8")).toBe(fs.readFileSync(loose, "utf8"));
    expect(store.readRun(PROJECT, "R1")).toEqual(run);

    const slot = store.reserveRun(PROJECT);
    expect(slot.runId).toBe("R2");
    fs.copyFileSync(loose, path.join(slot.dumpsDir, "trial-0.jsonl"));
    fs.mkdirSync(path.join(slot.dir, "out"));
    fs.copyFileSync(loose, path.join(slot.dir, "out", "trial-1.jsonl"));
    const inSlot = [path.join(slot.dumpsDir, "trial-0.jsonl"), path.join(slot.dir, "out", "trial-1.jsonl")];
    const second = store.recordRun(PROJECT, { ...runInput(""), runId: slot.runId }, inSlot);
    expect(second.runId).toBe("R2");
    expect(second.dumps).toEqual([
      `evidence/${PROJECT}/runs/R2/dumps/trial-0.jsonl`,
      `evidence/${PROJECT}/runs/R2/out/trial-1.jsonl`,
    ]);
    expect(fs.readdirSync(slot.dumpsDir)).toEqual(["trial-0.jsonl"]);
    expect(store.listRuns(PROJECT).map((r) => r.runId)).toEqual(["R1", "R2"]);
  });

  it("keeps a finding's cited dumps gzip-compressed and rewrites its citations to resolve there", () => {
    const root = makeWorkspace();
    const store = openEvidenceStore(root, { clock });
    const loose = writeLooseDump(root);
    const run = store.recordRun(PROJECT, runInput(loose), [loose]);
    const f = store.addFinding(
      PROJECT,
      finding({ status: "confirmed", citations: raceCitations(run.dumps[0]) }),
    );
    const kept = store.keepEvidence(PROJECT, f.id);
    expect(kept.citations).toHaveLength(2);
    for (const c of kept.citations) {
      expect(c.dump).toMatch(
        new RegExp(`^evidence/${PROJECT}/evidence/F1/[0-9a-f]{12}-race-0\\.jsonl\\.gz$`),
      );
      expect(resolveCitation(root, c)).toEqual({ ok: true });
    }
    const gz = fs.readFileSync(path.join(root, kept.citations[0].dump));
    expect(gunzipSync(gz).toString("utf8")).toBe(fs.readFileSync(loose, "utf8"));
    expect(gz.length).toBeLessThan(fs.statSync(loose).size);
    const manifest = JSON.parse(
      fs.readFileSync(path.join(root, "evidence", PROJECT, "evidence", "F1", "manifest.json"), "utf8"),
    );
    expect(manifest.files).toEqual([expect.objectContaining({ source: run.dumps[0], run: "R1" })]);
    expect(store.keepEvidence(PROJECT, f.id)).toEqual(kept); // idempotent
  });

  it("keeps one document of a JSON Lines file: the file is kept, the #line carried over", () => {
    const root = makeWorkspace();
    const store = openEvidenceStore(root, { clock });
    const file = path.join(root, "tmp-out", "trials.jsonl");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `${JSON.stringify(raceDump())}\n${JSON.stringify(raceDump())}\n`);
    const run = store.recordRun(PROJECT, runInput(file), [file]);
    const cited = raceCitations(`${run.dumps[0]}#2`);
    expect(resolveCitation(root, cited[0])).toEqual({ ok: true });
    const f = store.addFinding(PROJECT, finding({ status: "confirmed", citations: cited }));
    const kept = store.keepEvidence(PROJECT, f.id);
    expect(kept.citations[0].dump).toMatch(
      /^evidence\/shop\/evidence\/F1\/[0-9a-f]{12}-trials\.jsonl\.gz#2$/,
    );
    for (const c of kept.citations) expect(resolveCitation(root, c)).toEqual({ ok: true });
  });

  it("appends dated re-run sections without ever rewriting one", () => {
    const store = openEvidenceStore(makeWorkspace(), { clock });
    const a = store.appendRerun(PROJECT, { date: "2026-03-05", whatChanged: "hardened watch", verdicts: [] });
    const b = store.appendRerun(PROJECT, { date: "2026-03-05", whatChanged: "second pass", verdicts: [] });
    const c = store.appendRerun(PROJECT, { date: "2026-02-01", whatChanged: "earlier", verdicts: [] });
    expect([a.key, b.key, c.key]).toEqual(["2026-03-05-1", "2026-03-05-2", "2026-02-01-1"]);
    expect(store.listReruns(PROJECT).map((r) => r.key)).toEqual([
      "2026-02-01-1",
      "2026-03-05-1",
      "2026-03-05-2",
    ]);
    expect(() => store.appendRerun(PROJECT, { date: "5 March", whatChanged: "", verdicts: [] })).toThrow(
      /yyyy-mm-dd/,
    );
  });
});
