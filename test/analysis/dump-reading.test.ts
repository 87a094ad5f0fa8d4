import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  parseDumpText,
  readDumpFile,
  shortenHash,
  statesOf,
  terminalHash,
} from "../../src/analysis/index.ts";
import { fixtureFiles } from "../fixtures/dumps/make-fixtures.ts";
import { FIXTURES, fixture } from "./helpers.ts";

describe("kamera hashes", () => {
  it("ShortenHash is FNV-1a 64 in base 36, first 8 characters", () => {
    // FNV-1a 64("a") = 0xaf63dc4c8601ec8c, FNV-1a 64("") = the offset basis 0xcbf29ce484222325.
    expect(shortenHash("a")).toBe(0xaf63dc4c8601ec8cn.toString(36).slice(0, 8));
    expect(shortenHash("")).toBe(0xcbf29ce484222325n.toString(36).slice(0, 8));
    expect(shortenHash("foobar")).toBe(0x85944171f73967e8n.toString(36).slice(0, 8));
  });
});

describe("dump reading", () => {
  it("the committed fixtures are exactly what the fixture builder produces", () => {
    for (const [rel, content] of Object.entries(fixtureFiles())) {
      expect(fs.readFileSync(path.join(FIXTURES, rel)).equals(Buffer.from(content)), rel).toBe(true);
    }
  });

  it("normalises kamera's Go casing, legacy keys, camelCase stale info and null paths", () => {
    const go = fixture("kro/go-casing.jsonl");
    const ref = fixture("kro/reference.jsonl");
    const step = statesOf(go)[0].paths?.[0]?.[4];
    expect(step?.controllerId).toBe("InstanceController");
    expect(step?.kindSeqBefore).toEqual(statesOf(ref)[0].paths?.[0]?.[4].kindSeqBefore);
    const effect = step?.changes.effects?.[0];
    expect(effect?.OpType).toBe("UPDATE");
    expect(effect?.Version?.Value).toMatch(/^[0-9a-f]{64}$/);
    expect(step?.stalenessInfo?.[0]).toEqual({
      Key: "kro.run/Application/default/my-app",
      ObservedRV: 4,
      CurrentRV: 5,
      Lag: 1,
    });
    // Legacy {ObjectID, Namespace, Name} keys get their kind back from the referenced object.
    const key = statesOf(go)[0].state.contents.objects?.find((o) => o.key.name === "my-app-config")?.key;
    expect(key).toMatchObject({
      objectId: "my-app-config-uid",
      namespace: "default",
      resourceKind: "ConfigMap",
      resourceGroup: "",
    });
    expect(statesOf(go)[0].paths?.[1]).toEqual([]);
    expect(terminalHash(statesOf(go)[0])).toBe(terminalHash(statesOf(ref)[0]));
  });

  it("reads a failure dump with null objects and states", () => {
    const d = fixture("formats/failure.jsonl");
    expect(d.states).toEqual([]);
    expect(d.objects).toEqual([]);
    expect(d.context?.scenario?.attributes?.status).toBe("error");
  });

  it("reads true JSON Lines (one dump per line) and gzip", () => {
    const multi = readDumpFile(path.join(FIXTURES, "formats/multi.jsonl"));
    expect(multi.problems).toEqual([]);
    expect(multi.dumps.map((d) => d.line)).toEqual([1, 2]);
    const gz = readDumpFile(path.join(FIXTURES, "formats/trial.jsonl.gz"));
    expect(gz.dumps).toHaveLength(1);
    expect(gz.dumps[0].dump.context?.scenario?.attributes?.mc_trial_index).toBe("2");
  });

  it("tells a truncated dump from a corrupt one", () => {
    const t = readDumpFile(path.join(FIXTURES, "damaged/truncated.jsonl"));
    expect(t.problems[0].code).toBe("CTRLHUNT_DUMP_TRUNCATED");
    const c = readDumpFile(path.join(FIXTURES, "damaged/corrupt.jsonl"));
    expect(c.problems[0].code).toBe("CTRLHUNT_DUMP_INVALID");
    expect(c.problems[0].message).toMatch(/Unexpected token ';' at line \d+, column \d+/);
    expect(parseDumpText("").problems[0].code).toBe("CTRLHUNT_DUMP_TRUNCATED");
  });

  it("reports schema problems with a JSON path, and a cut-off last JSON line as truncated", () => {
    const bad = parseDumpText(JSON.stringify({ states: [{ id: 3, state: { contents: {} } }] }));
    expect(bad.problems[0]).toMatchObject({ code: "CTRLHUNT_DUMP_INVALID", path: "states[0].id" });
    const line = JSON.stringify({ states: [] });
    const cut = parseDumpText(`${line}\n${line.slice(0, 5)}`);
    expect(cut.docs).toHaveLength(1);
    expect(cut.problems[0]).toMatchObject({ code: "CTRLHUNT_DUMP_TRUNCATED", line: 2 });
    const mid = parseDumpText(`${line}\n{"states": [}\n${line}`);
    expect(mid.docs).toHaveLength(2);
    expect(mid.problems[0]).toMatchObject({ code: "CTRLHUNT_DUMP_INVALID", line: 2 });
  });

  it("marks a parsed document without states as not a dump", () => {
    expect(parseDumpText('[{"name": "x"}]').notADump).toBe(true);
  });
});
