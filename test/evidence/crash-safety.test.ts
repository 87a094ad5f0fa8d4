import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import YAML from "yaml";
import { describe, expect, it } from "vitest";
import { loadProjectRecords, openEvidenceStore } from "../../src/evidence/index.ts";
import { Finding, Hypothesis, RerunSection } from "../../src/formats/records.ts";
import { RunRecord } from "../../src/formats/run-record.ts";
import { END_MARKER } from "../../src/report/index.ts";
import { IdCounters } from "../../src/workspace/index.ts";
import { richWorkspace } from "../report/fixture.ts";
import { PROJECT } from "./workspace.ts";

const WRITER = path.join(import.meta.dirname, "fixtures", "writer.ts");

function start(args: string[]): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", WRITER, ...args], { stdio: ["ignore", "pipe", "pipe"] });
}

/** tmpfs when there is one: kill -9 safety does not depend on fsync, and the suite stays fast. */
const FAST_TMP = fs.existsSync("/dev/shm") ? "/dev/shm" : undefined;

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) =>
    child.exitCode !== null ? resolve(child.exitCode) : child.on("exit", (code) => resolve(code)),
  );

/** Seeded, so a failing schedule of kills can be replayed. */
function rng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

/** Every file the store and the renderers write, checked to parse completely. */
function checkEveryFile(root: string): { checked: number } {
  let checked = 0;
  for (const e of fs.readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const file = path.join(e.parentPath, e.name);
    const rel = path.relative(root, file);
    if (!/^(evidence|hypotheses)\//.test(rel) || /\.tmp$/.test(e.name) || rel.includes("tmp-out")) continue;
    const text = () => fs.readFileSync(file, "utf8");
    if (/\/findings\/F\d+\.json$/.test(rel)) Finding.parse(JSON.parse(text()));
    else if (/\/runs\/R\d+\/run\.json$/.test(rel)) RunRecord.parse(JSON.parse(text()));
    else if (/\/reruns\/.*\.json$/.test(rel)) RerunSection.parse(JSON.parse(text()));
    else if (/ids\.json$/.test(rel)) IdCounters.parse(JSON.parse(text()));
    else if (rel.endsWith(".yaml")) Hypothesis.parse(YAML.parse(text()));
    else if (rel.endsWith(".md")) expect(text().endsWith(`${END_MARKER}\n`), rel).toBe(true);
    else if (rel.endsWith(".gz")) gunzipSync(fs.readFileSync(file));
    else if (rel.endsWith(".json") || rel.endsWith(".jsonl")) JSON.parse(text());
    checked++;
  }
  return { checked };
}

describe("crash safety and concurrency", () => {
  it("SIGKILL at random points during ≥ 100 record/report writes leaves every file whole", async () => {
    const { root } = richWorkspace(FAST_TMP);
    const random = rng(20260302);
    let kills = 0;
    let writes = 0;
    while (writes < 100 && kills < 40) {
      const child = start(["crash", root]);
      let stderr = "";
      child.stderr?.on("data", (d) => (stderr += d));
      // Kill at a random moment after the writer has started writing (start-up time is not a write).
      const ready = new Promise<void>((resolve) => {
        child.stdout?.on("data", (d: Buffer) => {
          const text = d.toString();
          writes += (text.match(/^w$/gm) ?? []).length;
          if (text.includes("ready")) resolve();
        });
        child.on("exit", () => resolve());
      });
      await ready;
      await new Promise((r) => setTimeout(r, random() * 1200));
      child.kill("SIGKILL");
      const code = await exited(child);
      expect(code, stderr).toBeNull(); // killed, not crashed on its own
      kills++;
      checkEveryFile(root);
    }
    expect(writes).toBeGreaterThanOrEqual(100);
    expect(kills).toBeGreaterThan(3);
    const { checked } = checkEveryFile(root);
    expect(checked).toBeGreaterThan(50);
    const records = loadProjectRecords(root, PROJECT);
    expect(records.issues).toEqual([]);
    // The lock of a killed writer is taken over, and no ID is ever handed out twice.
    const before = records.findings.map((f) => f.record.id);
    const next = openEvidenceStore(root, { lockTimeoutMs: 5000 }).addFinding(PROJECT, {
      ...records.findings[0].record,
      title: "after the crashes",
    });
    expect(before).not.toContain(next.id);
  }, 60_000);

  it("two concurrent ctrlhunt processes adding and updating findings lose no update", async () => {
    const { root } = richWorkspace(FAST_TMP);
    const n = 12;
    const children = ["a", "b"].map((tag) => {
      const child = start(["concurrent", root, tag, String(n)]);
      let stderr = "";
      child.stderr?.on("data", (d) => (stderr += d));
      return exited(child).then((code) => ({ code, stderr }));
    });
    for (const r of await Promise.all(children)) expect(r).toEqual({ code: 0, stderr: "" });
    const store = openEvidenceStore(root);
    const added = store.listFindings(PROJECT).filter((f) => /^[ab]-\d+$/.test(f.title));
    expect(added.map((f) => f.title).sort()).toEqual(
      ["a", "b"].flatMap((t) => Array.from({ length: n }, (_, i) => `${t}-${i}`)).sort(),
    );
    expect(new Set(added.map((f) => f.id)).size).toBe(2 * n);
    const runs = store.readFinding(PROJECT, "F1").runs.filter((r) => /^[ab]-/.test(r));
    expect(runs.sort()).toEqual(
      ["a", "b"].flatMap((t) => Array.from({ length: n }, (_, i) => `${t}-${i}`)).sort(),
    );
  }, 60_000);
});
