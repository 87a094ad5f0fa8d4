import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jsonErrorOffset } from "../../src/formats/json-syntax.ts";
import { parseJsonText } from "../../src/formats/json-text.ts";
import { kameraInputFiles, readText } from "./fixtures.ts";

/** The scanner that locates malformed JSON must agree with JSON.parse on what is valid. */
describe("jsonErrorOffset", () => {
  it("finds no error in any real kamera file", () => {
    for (const f of kameraInputFiles()) expect(jsonErrorOffset(readText(f))).toBe(-1);
  });

  it("agrees with JSON.parse on valid JSON and on single-character corruptions of it", () => {
    const corruption = fc.tuple(
      fc.nat(),
      fc.constantFrom("", "}", "]", ",", ":", '"', "x", "\n", "-", "0", "\\", "{"),
    );
    fc.assert(
      fc.property(fc.jsonValue(), corruption, (value, [at, ch]) => {
        const text = JSON.stringify(value, null, 1);
        expect(jsonErrorOffset(text)).toBe(-1);
        const pos = at % (text.length + 1);
        const broken = text.slice(0, pos) + ch + text.slice(pos + 1);
        let valid = true;
        try {
          JSON.parse(broken);
        } catch {
          valid = false;
        }
        expect(jsonErrorOffset(broken) === -1).toBe(valid);
      }),
      { numRuns: 500, seed: 7 },
    );
  });

  it("reports line and column where the text breaks", () => {
    expect(() => parseJsonText("[1,\n 2,\n x]", "a.json")).toThrow(/line 3, column 2/);
  });
});
