import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { CtrlhuntError } from "../../src/errors/index.ts";
import { readRecord, readRecordIfExists, writeRecord } from "../../src/workspace/index.ts";

const Hyp = z.object({
  id: z.string(),
  status: z.enum(["unverified", "confirmed"]),
  targets: z.array(z.string()),
});
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "ctrlhunt-records-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("record I/O", () => {
  it("writes YAML and JSON with sorted keys, byte-identical on rewrite, and reads them back", () => {
    const value = { targets: ["InstanceController"], status: "unverified" as const, id: "H1" };
    for (const name of ["H1.yaml", "F1.json"]) {
      const file = path.join(dir, name);
      writeRecord(Hyp, file, value);
      const first = fs.readFileSync(file, "utf8");
      expect(first.indexOf("id")).toBeLessThan(first.indexOf("status"));
      expect(readRecord(Hyp, file)).toEqual(value);
      writeRecord(Hyp, file, readRecord(Hyp, file));
      expect(fs.readFileSync(file, "utf8")).toBe(first);
    }
    expect(readRecordIfExists(Hyp, path.join(dir, "none.yaml"))).toBeUndefined();
  });

  it("rejects invalid records with file + path issues, on read and on write", () => {
    const file = path.join(dir, "H2.yaml");
    fs.writeFileSync(file, "id: H2\nstatus: maybe\ntargets: []\n");
    try {
      readRecord(Hyp, file);
      expect.unreachable();
    } catch (e) {
      expect((e as CtrlhuntError).code).toBe("CTRLHUNT_RECORD_INVALID");
      expect((e as CtrlhuntError).issues[0]).toMatchObject({ file, path: "status" });
    }
    expect(() => writeRecord(Hyp, path.join(dir, "x.json"), { id: 1 } as never)).toThrow(CtrlhuntError);
    expect(fs.existsSync(path.join(dir, "x.json"))).toBe(false);
  });

  it("reports malformed YAML and JSON with a line and column", () => {
    const y = path.join(dir, "bad.yaml");
    fs.writeFileSync(y, "id: H3\nstatus: [unclosed\n");
    expect(() => readRecord(Hyp, y)).toThrow(/malformed YAML/);
    const j = path.join(dir, "bad.json");
    fs.writeFileSync(j, '{\n  "id": "F1",\n  "status": }\n');
    try {
      readRecord(Hyp, j);
      expect.unreachable();
    } catch (e) {
      expect((e as CtrlhuntError).issues[0]?.path).toBe("3:13");
    }
  });
});
