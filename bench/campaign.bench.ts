// `npm run bench:campaign`: the done-when of issue 15. A Monte Carlo campaign of 1000 trials on kratix-lite, cut into
// 8 shards and run as 8 separate `ctrlhunt campaign run` processes (the pods' env contract), one at a time and two at a
// time; then collected into evidence and compared with the unsharded run (dumps byte for byte under SOURCE_DATE_EPOCH,
// the run record apart from its id and timing fields, the terminal-state histogram).
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { readDumpFile, statesOf, terminalHash } from "../src/analysis/index.ts";
import { collectCampaign, planCampaign, writeCampaign } from "../src/campaign/index.ts";
import { embeddedEngine } from "../src/engine/index.ts";
import { openEvidenceStore } from "../src/evidence/index.ts";
import type { RunRecord } from "../src/formats/run-record.ts";
import { clockFromEnv } from "../src/workspace/index.ts";

const REPO = path.resolve(import.meta.dirname, "..");
const BIN = path.join(REPO, "bin", "ctrlhunt.js");
const TRIALS = Number(process.env.BENCH_CAMPAIGN_TRIALS ?? 1000);
const SHARDS = 8;
const INPUTS = "projects/kratix-lite/scenarios/k5_work-placement-status-race.json";
const env = { ...process.env, SOURCE_DATE_EPOCH: "1767225600" };
const clock = clockFromEnv(env);

const root = fs.mkdtempSync(path.join(os.tmpdir(), "ctrlhunt-bench-campaign-"));
fs.writeFileSync(path.join(root, "package.json"), '{ "type": "module" }\n');
for (const p of ["kratix-lite", "_shared"])
  fs.cpSync(path.join(REPO, "projects", p), path.join(root, "projects", p), { recursive: true });
fs.mkdirSync(path.join(root, "evidence"));
fs.mkdirSync(path.join(root, "hypotheses"));
const dir = path.join(root, "campaign");

function shard(i: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [BIN, "campaign", "run", dir], {
      cwd: root,
      env: { ...env, JOB_COMPLETION_INDEX: String(i) },
      stdio: ["ignore", "ignore", "inherit"],
    });
    p.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`shard ${i} exited ${code}`))));
  });
}

/** All shards as processes, `parallel` at a time (what an Indexed Job's parallelism does). */
async function runAll(parallel: number): Promise<number> {
  fs.rmSync(path.join(dir, "shards"), { recursive: true, force: true });
  const queue = Array.from({ length: SHARDS }, (_, i) => i);
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      for (let i = queue.shift(); i !== undefined; i = queue.shift()) await shard(i);
    }),
  );
  return performance.now() - t0;
}

const histogram = (dumps: readonly string[]) => {
  const h = new Map<string, number>();
  for (const f of dumps) {
    for (const { dump } of readDumpFile(path.join(root, f)).dumps)
      for (const s of statesOf(dump)) h.set(terminalHash(s), (h.get(terminalHash(s)) ?? 0) + 1);
  }
  return JSON.stringify([...h].sort());
};

writeCampaign(
  dir,
  await planCampaign(root, {
    project: "kratix-lite",
    inputs: INPUTS,
    mode: "exploration",
    trials: TRIALS,
    shards: SHARDS,
  }),
);
console.log(
  `kratix-lite, ${TRIALS} Monte Carlo trials, ${SHARDS} shards as separate processes, ${os.availableParallelism()} cores:`,
);
const times = new Map<number, number>();
for (const parallel of [1, 2, 1, 2]) {
  const load = os.loadavg()[0] as number;
  const ms = await runAll(parallel);
  times.set(parallel, Math.min(times.get(parallel) ?? Number.POSITIVE_INFINITY, ms));
  console.log(`  ${parallel} process(es) at a time: ${(ms / 1000).toFixed(2)} s  (load ${load.toFixed(2)})`);
}
const [one, two] = [times.get(1) as number, times.get(2) as number];
console.log(
  `  → best of 2: ${(one / 1000).toFixed(2)} s vs ${(two / 1000).toFixed(2)} s: ${(one / two).toFixed(2)}× with 2 processes (target ≥ 1.8×)`,
);

const store = openEvidenceStore(root, { clock });
const { run: sharded } = await collectCampaign(dir, store);
if (!sharded) throw new Error("collect recorded no run");
const slot = store.reserveRun("kratix-lite");
const t0 = performance.now();
const single = await embeddedEngine(root, { clock }).run({
  project: "kratix-lite",
  scenarioFile: INPUTS,
  mode: "exploration",
  outDir: slot.dir,
  trials: TRIALS,
});
console.log(`  unsharded run in this process: ${((performance.now() - t0) / 1000).toFixed(2)} s`);
const whole = store.recordRun("kratix-lite", { ...single, runId: slot.runId }, single.dumps);
const strip = (r: RunRecord) => {
  const { runId: _r, durationMs: _d, startedAt: _s, ...rest } = r;
  return JSON.stringify({ ...rest, dumps: r.dumps.map((d) => path.basename(d)) });
};
const differing = sharded.dumps.filter(
  (f, i) =>
    !fs.readFileSync(path.join(root, f)).equals(fs.readFileSync(path.join(root, whole.dumps[i] as string))),
);
const same =
  strip(sharded) === strip(whole) &&
  differing.length === 0 &&
  histogram(sharded.dumps) === histogram(whole.dumps);
console.log(
  `  collected ${sharded.runId} vs unsharded ${whole.runId}: ${sharded.dumps.length} dumps, ${differing.length} differ; run record ${strip(sharded) === strip(whole) ? "identical" : "DIFFERENT"} apart from id and timing; histogram ${histogram(sharded.dumps) === histogram(whole.dumps) ? "identical" : "DIFFERENT"}`,
);
fs.rmSync(root, { recursive: true, force: true });
if (!same) process.exit(1);
