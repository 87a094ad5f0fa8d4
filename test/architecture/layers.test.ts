import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const SRC = path.resolve(import.meta.dirname, "../../src");

/**
 * One-way layers (README, Architecture): a folder may import only folders before it. A new top-level folder must be
 * placed here, so the order is a decision, not an accident.
 */
const LAYERS = [
  "errors",
  "formats",
  "invariants",
  "workspace",
  "scenario",
  "engine",
  "analysis",
  "evidence",
  "hypotheses",
  "campaign",
  "report",
  "phases",
  "agent",
  "cli",
];

function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, "utf8");
  return [...text.matchAll(/from\s+"(\.{1,2}\/[^"]+)"/g)].map((m) =>
    path.resolve(path.dirname(file), m[1] as string),
  );
}

const layerOf = (file: string) => path.relative(SRC, file).split(path.sep)[0] as string;

describe("source layout", () => {
  const files = fs
    .readdirSync(SRC, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(".ts"))
    .map((e) => path.join(e.parentPath, e.name));

  it("places every top-level folder in a layer", () => {
    const folders = new Set(files.filter((f) => path.dirname(f) !== SRC).map(layerOf));
    expect([...folders].filter((f) => !LAYERS.includes(f))).toEqual([]);
  });

  it("has no import that goes up a layer", () => {
    const reverse: string[] = [];
    for (const f of files) {
      if (path.dirname(f) === SRC) continue; // src/index.ts is the public face: it may re-export anything
      const from = LAYERS.indexOf(layerOf(f));
      for (const target of importsOf(f)) {
        if (!target.startsWith(SRC + path.sep) || path.dirname(target) === SRC) continue;
        const to = LAYERS.indexOf(layerOf(target));
        if (to > from) reverse.push(`${path.relative(SRC, f)} → ${path.relative(SRC, target)}`);
      }
    }
    expect(reverse).toEqual([]);
  });
});
