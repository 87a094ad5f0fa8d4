// `npm run bench:kamera`: the same models on kamera's explorer (the Go kit harness) and on the embedded engine
// (every controller permuted; default optimisations and none), one process each: node visits, unique states, wall
// time, visits/s, peak RSS, and the ratios. Skips with the reason when Go or kamera's source is absent.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const repo = path.resolve(import.meta.dirname, "..");
const launcher = path.join(repo, "harness/kamera/kamera-harness.mjs");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ctrlhunt-bench-kamera-"));

/** kratix-lite's scenario cut to the first n destinations (the bundled file has 4). */
function kratixScenario(n: number): string {
  const file = path.join(repo, "projects/kratix-lite/scenarios/k5_work-placement-status-race.json");
  const [s] = JSON.parse(fs.readFileSync(file, "utf8"));
  const keep = new Set(["dest-a", "dest-b", "dest-c", "dest-d"].slice(0, n));
  const objects = s.environmentState.objects.filter((o: { kind: string; metadata: { name: string } }) =>
    o.kind === "Destination" ? keep.has(o.metadata.name) : true,
  );
  const out = path.join(tmp, `k5-${n}d.json`);
  fs.writeFileSync(out, JSON.stringify([{ ...s, name: `k5/race-${n}d`, environmentState: { objects } }]));
  return out;
}

const MODELS = [
  {
    name: "toggle-race (3 controllers, depth 12)",
    ts: "projects/toggle-race/project.ts",
    go: "projects/toggle-race-go",
    scenario: path.join(repo, "projects/toggle-race-go/scenarios/t1_toggle-owner-race.json"),
  },
  {
    name: "kratix-lite, 2 destinations",
    ts: "projects/kratix-lite/project.ts",
    go: "projects/kratix-lite-go",
    scenario: kratixScenario(2),
  },
  {
    name: "kratix-lite, 3 destinations",
    ts: "projects/kratix-lite/project.ts",
    go: "projects/kratix-lite-go",
    scenario: kratixScenario(3),
  },
];

interface Row {
  visits: number;
  unique: number;
  converged: number;
  wallMs: number;
  /** CPU time (user + system): on a shared machine, wall time mostly measures the neighbours. */
  cpuMs: number;
  maxRssKb: number;
}

function embedded(ts: string, scenario: string, opt: "default" | "none"): Row {
  const r = spawnSync(
    process.execPath,
    [
      "--import",
      path.join(repo, "bin/register.mjs"),
      path.join(repo, "bench/kamera-embedded-child.ts"),
      ts,
      scenario,
      opt,
    ],
    { cwd: repo, encoding: "utf8", maxBuffer: 1 << 26 },
  );
  if (r.status !== 0) throw new Error(`embedded run failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").at(-1) ?? "{}");
}

function kamera(go: string, scenario: string): Row {
  const out = fs.mkdtempSync(path.join(tmp, "dumps-"));
  const bin = path.join(repo, "harness/kamera/.build/bin", path.basename(go));
  const began = performance.now();
  const r = spawnSync(
    bin,
    ["--inputs", scenario, "--output", out, "--interactive=false", "--closed-loop=false"],
    {
      encoding: "utf8",
      maxBuffer: 1 << 26,
    },
  );
  const wallMs = performance.now() - began;
  if (r.status !== 0) throw new Error(`kamera run failed (exit ${r.status}): ${r.stderr.slice(-2000)}`);
  const [file] = fs.readdirSync(out).filter((f) => f.endsWith(".jsonl"));
  const dump = JSON.parse(fs.readFileSync(path.join(out, file), "utf8"));
  const rss = /maxrss_kb=(\d+)/.exec(r.stderr);
  const cpu = /cpu_ms=(\d+)/.exec(r.stderr);
  return {
    visits: dump.campaignMetrics?.totalNodeVisits ?? 0,
    unique: dump.campaignMetrics?.uniqueNodeVisits ?? 0,
    converged: (dump.states ?? []).filter((s: { error?: string }) => !s.error).length,
    wallMs: (dump.campaignMetrics?.durationNs ?? 0) / 1e6 || wallMs,
    cpuMs: cpu ? Number(cpu[1]) : 0,
    maxRssKb: rss ? Number(rss[1]) : 0,
  };
}

const probe = spawnSync(process.execPath, [launcher, "--source"], { encoding: "utf8" });
const source = probe.status === 0 ? JSON.parse(probe.stdout) : { kind: "missing", why: probe.stderr };
if (source.kind === "missing") {
  console.log(`bench:kamera skipped: ${source.why}`);
  process.exit(0);
}
const built = spawnSync(
  process.execPath,
  [launcher, "--build", ...new Set(MODELS.map((m) => path.join(repo, m.go)))],
  {
    stdio: "inherit",
  },
);
if (built.status !== 0) process.exit(1);

const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
const perSec = (r: Row) => (r.wallMs > 0 ? r.visits / (r.wallMs / 1000) : 0);
const perCpuSec = (r: Row) => (r.cpuMs > 0 ? r.visits / (r.cpuMs / 1000) : 0);
const lines = [
  `${os.cpus().length} cores (${os.cpus()[0]?.model ?? "?"}), node ${process.version}; kamera: ${source.kind === "proxy" ? "module proxy" : source.dir}`,
  "",
  `load average ${os.loadavg()[0].toFixed(1)}; wall = the exploration call (kamera: Explore()); CPU = kamera's whole`,
  "process (dump writing included), the embedded engine's exploration call; peak RSS = the whole process",
  "",
  "| Model | Engine | Visits | Unique | Converged | Wall | Visits/s | CPU | Visits/CPU-s | Peak RSS |",
  "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
];
const ratios: string[] = [];
for (const m of MODELS) {
  const rows: Array<[string, Row]> = [
    ["kamera (Go kit, cb1c3f3)", kamera(m.go, m.scenario)],
    ["embedded, default optimisations", embedded(m.ts, m.scenario, "default")],
    ["embedded, no optimisations", embedded(m.ts, m.scenario, "none")],
  ];
  for (const [engine, r] of rows)
    lines.push(
      `| ${m.name} | ${engine} | ${fmt(r.visits)} | ${fmt(r.unique)} | ${r.converged} | ${(r.wallMs / 1000).toFixed(2)} s | ${fmt(perSec(r))} | ${(r.cpuMs / 1000).toFixed(2)} s | ${fmt(perCpuSec(r))} | ${fmt(r.maxRssKb / 1024)} MB |`,
    );
  const [k, e, n] = rows.map(([, r]) => r);
  ratios.push(
    `${m.name}: kamera / embedded (default) — visits ${(k.visits / e.visits).toFixed(1)}×, wall ${(k.wallMs / e.wallMs).toFixed(1)}×, CPU ${(k.cpuMs / e.cpuMs).toFixed(1)}×, RSS ${(k.maxRssKb / e.maxRssKb).toFixed(1)}×; ` +
      `visits per CPU-s embedded (none) / kamera ${(perCpuSec(n) / perCpuSec(k)).toFixed(1)}×`,
  );
}
console.log([...lines, "", ...ratios].join("\n"));
fs.rmSync(tmp, { recursive: true, force: true });
