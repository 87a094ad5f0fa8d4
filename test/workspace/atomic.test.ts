import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sweepStaleTempFiles, writeFileAtomic } from "../../src/workspace/index.ts";

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "ctrlhunt-atomic-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("writeFileAtomic", () => {
  it("creates folders, replaces content and leaves no temp file behind", () => {
    const file = path.join(dir, "evidence", "p", "findings", "F1.json");
    writeFileAtomic(file, "one\n");
    writeFileAtomic(file, "two\n");
    expect(fs.readFileSync(file, "utf8")).toBe("two\n");
    expect(fs.readdirSync(path.dirname(file))).toEqual(["F1.json"]);
  });

  it("a concurrent reader sees the old or the new content, never a torn file", async () => {
    const file = path.join(dir, "big.txt");
    const done = path.join(dir, "done");
    fs.writeFileSync(file, "a".repeat(2_000_000));
    const child = spawn(
      process.execPath,
      ["--import", "tsx", path.join(import.meta.dirname, "atomic-writer.ts"), file, "40", done],
      { stdio: ["ignore", "ignore", "inherit"] },
    );
    const exited = new Promise<number>((r) => child.on("exit", (c) => r(c ?? -1)));
    let reads = 0;
    const deadline = Date.now() + 30_000;
    while (!fs.existsSync(done) && Date.now() < deadline) {
      const text = fs.readFileSync(file, "utf8");
      expect(text.length).toBe(2_000_000);
      expect(text[0] === text[text.length - 1] && !text.includes(text[0] === "a" ? "b" : "a")).toBe(true);
      reads++;
      await new Promise((r) => setImmediate(r));
    }
    expect(await exited).toBe(0);
    expect(reads).toBeGreaterThan(0);
    expect(fs.readdirSync(dir).sort()).toEqual(["big.txt", "done"]);
  });
});

describe("sweepStaleTempFiles", () => {
  it("removes temp files of killed writes and nothing else", () => {
    fs.mkdirSync(path.join(dir, "runs"));
    const stale = path.join(dir, "runs", ".run.json.4242.deadbeef.tmp");
    fs.writeFileSync(stale, "half");
    fs.writeFileSync(path.join(dir, "runs", "run.json"), "{}");
    fs.writeFileSync(path.join(dir, "notes.tmp"), "user file");
    expect(sweepStaleTempFiles(dir)).toBe(1);
    expect(fs.existsSync(stale)).toBe(false);
    expect(fs.readdirSync(path.join(dir, "runs"))).toEqual(["run.json"]);
    expect(fs.existsSync(path.join(dir, "notes.tmp"))).toBe(true);
    expect(sweepStaleTempFiles(path.join(dir, "missing"))).toBe(0);
  });
});
