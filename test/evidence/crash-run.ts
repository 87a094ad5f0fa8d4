import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import YAML from "yaml";
import { Finding, Hypothesis, RerunSection } from "../../src/formats/records.ts";
import { RunRecord } from "../../src/formats/run-record.ts";
import { END_MARKER } from "../../src/report/index.ts";
import { IdCounters } from "../../src/workspace/index.ts";

/** Helpers for the SIGKILL and concurrency tests: child writers, seeded kill schedules, whole-file checks. */

const WRITER = path.join(import.meta.dirname, "fixtures", "writer.ts");

/** tmpfs when there is one: kill -9 safety does not depend on fsync, and the tests stay fast. */
export const FAST_TMP = fs.existsSync("/dev/shm") ? "/dev/shm" : undefined;

export function startWriter(args: string[]): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", WRITER, ...args], { stdio: ["ignore", "pipe", "pipe"] });
}

export const exited = (child: ChildProcess) =>
  new Promise<{ code: number | null; signal: string | null }>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null)
      resolve({ code: child.exitCode, signal: child.signalCode });
    else child.on("exit", (code, signal) => resolve({ code, signal }));
  });

/** Seeded, so a failing schedule of kills can be replayed. */
export function rng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

/** Parse every file the store and the renderers write; throws on the first one that is not whole. */
export function checkEveryFile(root: string): number {
  let checked = 0;
  for (const e of fs.readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const file = path.join(e.parentPath, e.name);
    const rel = path.relative(root, file);
    if (!/^(evidence|hypotheses)\//.test(rel) || e.name.endsWith(".tmp")) continue;
    const text = () => fs.readFileSync(file, "utf8");
    const fail = (why: string) => new Error(`${rel}: ${why}`);
    if (/\/findings\/F\d+\.json$/.test(rel)) Finding.parse(JSON.parse(text()));
    else if (/\/runs\/R\d+\/run\.json$/.test(rel)) RunRecord.parse(JSON.parse(text()));
    else if (/\/reruns\/.*\.json$/.test(rel)) RerunSection.parse(JSON.parse(text()));
    else if (/ids\.json$/.test(rel)) IdCounters.parse(JSON.parse(text()));
    else if (rel.endsWith(".yaml")) Hypothesis.parse(YAML.parse(text()));
    else if (rel.endsWith(".md")) {
      if (!text().endsWith(`${END_MARKER}\n`)) throw fail("generated document cut short");
    } else if (rel.endsWith(".gz")) gunzipSync(fs.readFileSync(file));
    else if (rel.endsWith(".json")) JSON.parse(text());
    checked++;
  }
  return checked;
}

/**
 * Start writer children that loop over record and document writes, SIGKILL each at a random delay after it has
 * started writing, and check every file after every kill, until `minWrites` writes have completed.
 */
export async function crashRun(root: string, opts: { minWrites: number; maxKills: number; seed: number }) {
  const random = rng(opts.seed);
  let kills = 0;
  let writes = 0;
  while (writes < opts.minWrites && kills < opts.maxKills) {
    const child = startWriter(["crash", root]);
    let stderr = "";
    child.stderr?.on("data", (d) => (stderr += d));
    const ready = new Promise<void>((resolve) => {
      child.stdout?.on("data", (d: Buffer) => {
        const text = d.toString();
        writes += (text.match(/^w$/gm) ?? []).length;
        if (text.includes("ready")) resolve();
      });
      child.on("exit", () => resolve());
    });
    await ready; // start-up time is not a write: the kill lands while records and documents are being written
    await new Promise((r) => setTimeout(r, random() * 1500));
    child.kill("SIGKILL");
    const end = await exited(child);
    if (end.signal !== "SIGKILL") throw new Error(`writer ended on its own (${end.code}): ${stderr}`);
    kills++;
    checkEveryFile(root);
  }
  return { kills, writes, checked: checkEveryFile(root) };
}
