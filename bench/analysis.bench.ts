// `npm run bench:analysis`: 1,000 Monte Carlo trial dumps → `analyze states` in-process and via the CLI binary,
// against the jq loop agents use today; peak RSS at 250/500/1000 dumps shows memory does not grow with the count.
import { execSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { analyzeStatesInputs } from "../src/analysis/index.ts";
import { main } from "../src/cli/main.ts";
import { buildDump, type KObj, obj, type StepSpec } from "../test/fixtures/dumps/builder.ts";

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const JQ_LOOP = `for f in *.jsonl; do jq -r '.states[0].paths[0][-1].contentsHashAfter' "$f"; done | sort | uniq -c`;

/** Seeded PRNG (mulberry32): the same 1,000 dumps on every run. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SIZES = [
  { objects: 5, steps: 5 },
  { objects: 12, steps: 9 },
  { objects: 20, steps: 14 },
  { objects: 30, steps: 20 },
];
const OUTCOMES = [0.6, 0.25, 0.1, 0.05];
const CONTROLLERS = ["InstanceController", "ConfigController", "StatusController", "GCController"];

function trialDump(i: number, random: () => number) {
  const size = SIZES[Math.floor(random() * SIZES.length)];
  // Pick an outcome by its weight: the first whose cumulative weight exceeds the draw.
  const draw = random();
  let cumulative = 0;
  const outcome = OUTCOMES.findIndex((p) => {
    cumulative += p;
    return draw < cumulative;
  });
  const seed: KObj[] = Array.from({ length: size.objects }, (_, k) =>
    obj(k % 3 === 0 ? "ConfigMap" : "Secret", `obj-${k}`, {
      metadata: { labels: { app: "bench", index: String(k) }, resourceVersion: String(k + 1) },
      data: { payload: `value-${k}-${"x".repeat(40)}` },
    }),
  );
  // Every trial writes the same objects (the scenario), in a random controller order; the outcome decides the
  // final status, so terminal hashes cluster the way Monte Carlo trials of one scenario do.
  const steps: StepSpec[] = Array.from({ length: size.steps }, (_, s) => {
    const k = s % size.objects;
    const last = s >= size.steps - 2;
    return {
      controller: CONTROLLERS[Math.floor(random() * CONTROLLERS.length)],
      writes: [
        {
          op: "UPDATE",
          ...(last ? { subresource: "status" } : {}),
          object: obj(k % 3 === 0 ? "ConfigMap" : "Secret", `obj-${k}`, {
            metadata: { labels: { app: "bench", index: String(k) }, resourceVersion: String(100 + s) },
            data: { payload: `value-${k}-${"x".repeat(40)}`, step: last ? "final" : `s${s}` },
            ...(last ? { status: { outcome: `outcome-${outcome}` } } : {}),
          }),
        },
      ],
    };
  });
  return buildDump({
    name: "bench/mc-trials",
    seed,
    invocationId: "bench-inv",
    attributes: { search_mode: "monte_carlo", mc_role: "trial", mc_trial_index: String(i) },
    metrics: {
      uniqueNodeVisits: size.steps + 1,
      totalNodeVisits: size.steps + 1,
      uniqueResourceStates: size.steps + 1,
    },
    states: [{ paths: [steps] }],
  });
}

function timeMs(f: () => void): number {
  const t = performance.now();
  f();
  return performance.now() - t;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Child mode: run the CLI in-process over the first N dumps and print the peak RSS in MB. */
async function child(dir: string, n: number) {
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".jsonl"))
    .sort()
    .slice(0, n);
  const io = { out: () => {}, err: () => {}, isTTY: false };
  const code = await main(["analyze", "states", ...files.map((f) => path.join(dir, f)), "--json"], {
    io,
    cwd: dir,
  });
  process.stdout.write(`${JSON.stringify({ code, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
}

function ensureJq(): boolean {
  if (spawnSync("jq", ["--version"]).status === 0) return true;
  process.stdout.write("jq missing: apt-get install -y jq\n");
  spawnSync("apt-get", ["install", "-y", "jq"], { stdio: "inherit" });
  return spawnSync("jq", ["--version"]).status === 0;
}

async function run() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ctrlhunt-bench-analysis-"));
  try {
    const random = rng(42);
    let bytes = 0;
    const tBuild = timeMs(() => {
      for (let i = 0; i < 1000; i++) {
        const text = JSON.stringify(trialDump(i, random), null, 2);
        bytes += text.length;
        fs.writeFileSync(path.join(dir, `trial_${String(i).padStart(4, "0")}.jsonl`), text);
      }
    });
    const say = (s: string) => process.stdout.write(`${s}\n`);
    say(
      `built 1000 trial dumps (${(bytes / 1e6).toFixed(1)} MB, mean ${(bytes / 1000 / 1024).toFixed(0)} KB) in ${tBuild.toFixed(0)} ms`,
    );

    const inProcess: number[] = [];
    let groups = new Map<string, number>();
    for (let k = 0; k < 3; k++) {
      inProcess.push(
        timeMs(() => {
          const r = analyzeStatesInputs([dir], { cwd: dir });
          groups = new Map(r.result.groups.map((g) => [g.hash ?? g.key, g.count]));
        }),
      );
    }
    const cli: number[] = [];
    for (let k = 0; k < 3; k++) {
      cli.push(
        timeMs(() => {
          const r = spawnSync(
            process.execPath,
            [path.join(ROOT, "bin/ctrlhunt.js"), "analyze", "states", dir, "--json"],
            {
              maxBuffer: 64 << 20,
            },
          );
          if (r.status !== 0) throw new Error(`CLI failed: ${r.stderr}`);
        }),
      );
    }
    say(`analyze states, in-process:       ${median(inProcess).toFixed(0)} ms (median of 3)`);
    say(
      `analyze states, CLI binary --json: ${median(cli).toFixed(0)} ms (median of 3, includes Node start-up)`,
    );

    if (ensureJq()) {
      let jqOut = "";
      const jqMs = timeMs(() => {
        jqOut = execSync(JQ_LOOP, { cwd: dir, shell: "/bin/bash", maxBuffer: 16 << 20 }).toString();
      });
      const jqGroups = new Map(
        jqOut
          .trim()
          .split("\n")
          .map((l) => l.trim().split(/\s+/))
          .map(([n, h]) => [h, Number(n)] as const),
      );
      const agree = jqGroups.size === groups.size && [...jqGroups].every(([h, n]) => groups.get(h) === n);
      say(`jq loop (1000 jq processes):        ${jqMs.toFixed(0)} ms`);
      say(
        `speed-up: ${(jqMs / median(inProcess)).toFixed(1)}× in-process, ${(jqMs / median(cli)).toFixed(1)}× via the CLI (target ≥ 10×)`,
      );
      say(`histograms agree with jq: ${agree ? "yes" : "NO"} (${groups.size} groups)`);
      if (!agree) process.exitCode = 1;
    } else say("jq unavailable: comparison skipped");

    for (const n of [250, 500, 1000]) {
      const r = spawnSync(
        process.execPath,
        ["--import", "tsx", new URL(import.meta.url).pathname, "--child", dir, String(n)],
        {
          cwd: ROOT,
        },
      );
      const { maxRssMb } = JSON.parse(r.stdout.toString().trim().split("\n").pop() ?? "{}");
      say(`peak RSS, analyze states over ${String(n).padStart(4)} dumps: ${Number(maxRssMb).toFixed(0)} MB`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === "--child") await child(process.argv[3], Number(process.argv[4]));
else await run();
