import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { allocateId, highestId, idsInFolder } from "../../src/workspace/index.ts";

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "ctrlhunt-ids-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("stable IDs", () => {
  it("never reuses a number after its record is deleted", () => {
    const counters = path.join(dir, "ids.json");
    const findings = path.join(dir, "findings");
    fs.mkdirSync(findings);
    const issue = () => {
      const id = allocateId(counters, "F", idsInFolder(findings));
      fs.writeFileSync(path.join(findings, `${id}.json`), "{}");
      return id;
    };
    expect([issue(), issue(), issue()]).toEqual(["F1", "F2", "F3"]);
    fs.rmSync(path.join(findings, "F3.json"));
    fs.rmSync(path.join(findings, "F2.json"));
    expect(issue()).toBe("F4");
    expect(JSON.parse(fs.readFileSync(counters, "utf8"))).toEqual({ F: 4 });
  });

  it("continues above IDs already on disk (records written before the counter existed) and per prefix", () => {
    const counters = path.join(dir, "ids.json");
    expect(allocateId(counters, "H", ["H7", "H2", "F9", "Hx"])).toBe("H8");
    expect(allocateId(counters, "F", [])).toBe("F1");
    expect(allocateId(counters, "H", [])).toBe("H9");
  });

  it("reads IDs from file stems and finds the highest number for a prefix", () => {
    fs.writeFileSync(path.join(dir, "H1.yaml"), "");
    fs.writeFileSync(path.join(dir, "H12.yml"), "");
    fs.writeFileSync(path.join(dir, "F3.json"), "");
    expect(idsInFolder(dir).sort()).toEqual(["F3", "H1", "H12"]);
    expect(highestId("H", idsInFolder(dir))).toBe(12);
    expect(highestId("K2b", ["K2b3", "K2"])).toBe(3);
    expect(idsInFolder(path.join(dir, "missing"))).toEqual([]);
  });
});
