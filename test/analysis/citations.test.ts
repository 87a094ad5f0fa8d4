import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  citeStep,
  findDivergence,
  findErrors,
  parseMasks,
  resolveCitation,
  resolveCitations,
  statesOf,
} from "../../src/analysis/index.ts";
import type { Citation } from "../../src/formats/citation.ts";
import { FIXTURES, fixture, mcTrials } from "./helpers.ts";

const rerun = fixture("kro/rerun.jsonl");
const good: Citation = citeStep("kro/rerun.jsonl", statesOf(rerun)[1], 0, 2);

describe("citations", () => {
  it("builds a citation from a step: controller and contents hash come from the dump", () => {
    expect(good).toMatchObject({
      dump: "kro/rerun.jsonl",
      stateId: "state-1",
      pathIndex: 0,
      stepIndex: 2,
      controllerId: "ConfigController",
    });
    expect(good.contentsHash).toBe(statesOf(rerun)[1].paths?.[0]?.[2].contentsHashAfter);
    expect(resolveCitation(FIXTURES, good)).toEqual({ ok: true });
    // kamera prints 7-character hashes; a 7+ character prefix still resolves.
    expect(resolveCitation(FIXTURES, { ...good, contentsHash: good.contentsHash.slice(0, 7) })).toEqual({
      ok: true,
    });
  });

  it("says why a citation no longer resolves", () => {
    const reasons = resolveCitations(FIXTURES, [
      { ...good, dump: "kro/gone.jsonl" },
      { ...good, stateId: "state-9" },
      { ...good, pathIndex: 3 },
      { ...good, stepIndex: 5 },
      { ...good, controllerId: "InstanceController" },
      { ...good, contentsHash: "zzzzzzzz" },
      { ...good, dump: "damaged/truncated.jsonl" },
    ]).map((r) => (r.ok ? "ok" : r.reason));
    expect(reasons).toEqual([
      "dump file missing: kro/gone.jsonl",
      "state state-9 not in kro/rerun.jsonl",
      "path 3 out of range (state state-1 has 1 path(s))",
      "step 5 out of range (path 0 has 5 step(s))",
      "controller mismatch: cited InstanceController, step 2 ran ConfigController",
      `hash mismatch: cited zzzzzzzz, step 2 has ${good.contentsHash}`,
      expect.stringMatching(/^dump unreadable: damaged\/truncated.jsonl: truncated dump/),
    ]);
  });

  it("resolves file#line citations into JSON Lines files", () => {
    const multi = path.join(FIXTURES, "formats/multi.jsonl");
    const second = JSON.parse(fs.readFileSync(multi, "utf8").split("\n")[1]);
    const c = citeStep("formats/multi.jsonl#2", second.states[0], 0, 4);
    expect(resolveCitation(FIXTURES, c)).toEqual({ ok: true });
    expect(resolveCitation(FIXTURES, { ...c, dump: "formats/multi.jsonl#1" }).ok).toBe(false);
    // Both lines hold a state-0: without a line the citation is ambiguous.
    expect(resolveCitation(FIXTURES, { ...c, dump: "formats/multi.jsonl" })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/ambiguous/),
    });
  });

  it("stops resolving when the dump is edited", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ctrlhunt-cite-"));
    const text = fs.readFileSync(path.join(FIXTURES, "kro/rerun.jsonl"), "utf8");
    fs.writeFileSync(path.join(dir, "d.jsonl"), text.replaceAll(good.contentsHash, "00000000"));
    expect(resolveCitation(dir, { ...good, dump: "d.jsonl" })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/hash mismatch/),
    });
    fs.rmSync(dir, { recursive: true });
  });

  it("findDivergence: one resolving citation per terminal group, none when all agree", () => {
    const d = findDivergence(mcTrials(), { mask: parseMasks(["resourceVersion,timestamps"]) });
    expect(d.divergent).toBe(true);
    expect(d.citations.map((c) => c.note)).toEqual([
      expect.stringMatching(/^divergence: terminal group \w{8} \(7 of 10 states, 70%\)$/),
      expect.stringMatching(/^divergence: terminal group \w{8} \(3 of 10 states, 30%\)$/),
    ]);
    expect(resolveCitations(FIXTURES, d.citations).every((r) => r.ok)).toBe(true);
    const same = findDivergence([{ id: "kro/reference.jsonl", dump: fixture("kro/reference.jsonl") }]);
    expect([same.divergent, same.citations]).toEqual([false, []]);
  });

  it("findErrors cites every reconcile error step", () => {
    const errs = findErrors([{ id: "kro/rerun.jsonl", dump: rerun }]);
    expect(errs).toEqual([{ ...good, note: "error: owner my-app is Degraded" }]);
  });
});
