import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { writeVariant } from "../../src/hypotheses/variant.ts";
import { readWorkflowFile } from "../../src/scenario/index.ts";

const sha = (f: string) => createHash("sha256").update(fs.readFileSync(f)).digest("hex");

describe("variant files", () => {
  let dir: string;
  let base: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "ctrlhunt-variant-"));
    base = path.join(dir, "k2_race.json");
    // Unknown fields and key order must survive into the variant.
    fs.writeFileSync(
      base,
      `[\n  {\n    "name": "K2/race",\n    "x-note": "keep me",\n    "environmentState": { "objects": [ { "apiVersion": "v1", "kind": "ConfigMap", "metadata": { "name": "c" } } ] },\n    "tuning": { "maxDepth": 20, "permuteControllers": null }\n  },\n  { "name": "K2/other", "environmentState": { "objects": [ { "apiVersion": "v1", "kind": "Pod", "metadata": { "name": "p" } } ] } }\n]\n`,
    );
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("writes <stem>-hypothesis-<N>.json with only tuning and name changed, never touching the base", () => {
    const before = sha(base);
    const wf = readWorkflowFile(base);
    const scenario = wf[0];
    if (!scenario) throw new Error("fixture has a scenario");
    const first = writeVariant(base, scenario, { maxDepth: 20, permuteControllers: ["A", "B"] });
    const second = writeVariant(base, scenario, { maxDepth: 40 });
    expect(sha(base)).toBe(before);
    expect(path.basename(first.file)).toBe("k2_race-hypothesis-1.json");
    expect(path.basename(second.file)).toBe("k2_race-hypothesis-2.json");
    const [variant] = JSON.parse(fs.readFileSync(first.file, "utf8"));
    const { name, tuning, ...rest } = variant;
    const { name: baseName, tuning: _t, ...baseRest } = scenario as Record<string, unknown>;
    expect(name).toBe(`${baseName}-hypothesis-1`);
    expect(tuning).toEqual({ maxDepth: 20, permuteControllers: ["A", "B"] });
    expect(rest).toEqual(baseRest);
    expect(Object.keys(variant)).toEqual(["name", "x-note", "environmentState", "tuning"]);
    expect(fs.readFileSync(first.file, "utf8").endsWith("}\n]\n")).toBe(true);
  });

  it("takes the next free number when earlier variants exist", () => {
    fs.writeFileSync(path.join(dir, "k2_race-hypothesis-1.json"), "[]");
    const scenario = readWorkflowFile(base)[0];
    if (!scenario) throw new Error("fixture has a scenario");
    expect(writeVariant(base, scenario, {}).n).toBe(2);
  });
});
