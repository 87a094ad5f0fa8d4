// `npm run bench:engine`: embedded engine throughput (states/s, visits) optimised vs unoptimised, and the
// per-step cost as untouched background objects grow (hashing must scale with objects changed, not all).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  ALL_OPTIMIZATIONS,
  type ControllerDefinition,
  defineController,
  defineProject,
  type KubeObj,
  NO_OPTIMIZATIONS,
  type Optimizations,
  resolveConfig,
  runEmbedded,
} from "../src/engine/index.ts";
import { exploreDfs, SearchState } from "../src/engine/embedded/search/index.ts";
import { makeEntry, ObjectSet, VersionStore } from "../src/engine/embedded/state/index.ts";
import { buildRegistry, buildRoot, type StepEnv } from "../src/engine/embedded/step/index.ts";
import { keyConfigFor } from "../src/engine/embedded/run/job.ts";
import type { Scenario } from "../src/formats/workflow.ts";

const cm = (name: string, data: Record<string, string>): KubeObj => ({
  apiVersion: "v1",
  kind: "ConfigMap",
  metadata: { name, namespace: "default" },
  data,
});

/** n counters, each raised to `cap` by its own controller; every controller watches every counter. */
function counters(n: number, cap: number) {
  const ids = Array.from({ length: n }, (_, i) => `C${i}`);
  const controllers: ControllerDefinition[] = ids.map((id, i) =>
    defineController({
      id,
      for: "core/ConfigMap",
      reconcile(ctx) {
        const c = ctx.get("core/ConfigMap", { namespace: "default", name: `n${i}` });
        const v = Number((c?.data as { v: string } | undefined)?.v ?? "0");
        if (c && v < cap) ctx.update({ ...c, data: { v: String(v + 1) } });
      },
    }),
  );
  const s = {
    name: `counters-${n}x${cap}`,
    environmentState: { objects: ids.map((_, i) => cm(`n${i}`, { v: "0" })) },
    tuning: { maxDepth: 200, permuteControllers: ids },
  } as Scenario;
  return { project: defineProject({ name: "bench", controllers }), s };
}

/** A kro-like pipeline: an app creates a deployment and a service; a status controller mirrors readiness. */
function pipeline() {
  const project = defineProject({
    name: "pipeline",
    controllers: [
      defineController({
        id: "AppController",
        for: "example.com/App",
        owns: ["apps/Deployment", "core/Service"],
        reconcile(ctx, req) {
          const app = ctx.get("example.com/App", req);
          if (!app) return;
          const refs = [{ apiVersion: "example.com/v1", kind: "App", name: req.name }];
          const meta = { name: req.name, namespace: req.namespace, ownerReferences: refs };
          if (!ctx.get("apps/Deployment", req))
            ctx.create({ apiVersion: "apps/v1", kind: "Deployment", metadata: meta, spec: app.spec });
          if (!ctx.get("core/Service", req))
            ctx.create({ apiVersion: "v1", kind: "Service", metadata: meta, spec: { port: 80 } });
        },
      }),
      defineController({
        id: "DeploymentController",
        for: "apps/Deployment",
        reconcile(ctx, req) {
          const d = ctx.get("apps/Deployment", req);
          if (d && !d.status) ctx.updateStatus({ ...d, status: { ready: true } });
        },
      }),
      defineController({
        id: "StatusController",
        for: "example.com/App",
        watches: [{ kind: "apps/Deployment" }, { kind: "core/Service" }],
        reconcile(ctx, req) {
          const app = ctx.get("example.com/App", req);
          const d = ctx.get("apps/Deployment", req);
          const svc = ctx.get("core/Service", req);
          if (!app) return;
          const ready = Boolean((d?.status as { ready?: boolean } | undefined)?.ready && svc);
          if ((app.status as { ready?: boolean } | undefined)?.ready !== ready)
            ctx.updateStatus({ ...app, status: { ready } });
        },
      }),
    ],
  });
  const app = (name: string) => ({
    apiVersion: "example.com/v1",
    kind: "App",
    metadata: { name, namespace: "default" },
    spec: { image: "nginx" },
  });
  const s = {
    name: "pipeline",
    environmentState: { objects: [app("a"), app("b")] },
    tuning: {
      maxDepth: 60,
      permuteControllers: ["AppController", "DeploymentController", "StatusController"],
    },
  } as Scenario;
  return { project, s };
}

/** One DFS exploration, search only (no dump); best of 3 by CPU time (the machine is shared: wall time is noisy). */
async function measure(
  name: string,
  sys: { project: ReturnType<typeof defineProject>; s: Scenario },
  opt: Optimizations,
  budgetMs = 20_000,
) {
  const reg = buildRegistry(sys.project.controllers);
  const cfg = resolveConfig(sys.s, reg.ids, { optimizations: opt });
  let cpu = Number.POSITIVE_INFINITY;
  let wall = Number.POSITIVE_INFINITY;
  let visits = 0;
  let unique = 0;
  let terminals = 0;
  let timedOut = false;
  for (let rep = 0; rep < 3 && !timedOut; rep++) {
    const env: StepEnv = { cfg, reg, store: new VersionStore(), keyCfg: keyConfigFor(cfg) };
    const st = new SearchState(env, { deadline: Date.now() + budgetMs }, sys.project.controllers);
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await exploreDfs(st, buildRoot(env));
    const c = process.cpuUsage(c0);
    wall = Math.min(wall, performance.now() - t0);
    cpu = Math.min(cpu, (c.user + c.system) / 1000);
    visits = st.stats.TotalNodeVisits;
    unique = st.stats.UniqueNodeVisits;
    terminals = new Set([...st.converged.values()].map((n) => n.objects.fingerprint)).size;
    timedOut = st.timedOut;
  }
  const perSec = Math.round(visits / (cpu / 1000));
  console.log(
    `${name.padEnd(44)} visits ${`${timedOut ? "≥" : ""}${visits}`.padStart(8)}  unique ${String(unique).padStart(7)}  terminals ${String(terminals).padStart(3)}  cpu ${cpu.toFixed(0).padStart(6)} ms  wall ${wall.toFixed(0).padStart(6)} ms  ${String(perSec).padStart(6)} states/s`,
  );
  return { visits, perSec, cpu, timedOut };
}

/** Three controllers race to create one object (the smallest real race). */
function race() {
  const ids = ["Alpha", "Beta", "Gamma"];
  const project = defineProject({
    name: "race",
    controllers: ids.map((id) =>
      defineController({
        id,
        for: "example.com/App",
        reconcile(ctx) {
          if (!ctx.get("core/ConfigMap", { namespace: "default", name: "w" }))
            ctx.create(cm("w", { by: id }));
        },
      }),
    ),
  });
  const s = {
    name: "race",
    environmentState: {
      objects: [{ apiVersion: "example.com/v1", kind: "App", metadata: { name: "a", namespace: "default" } }],
    },
    tuning: { permuteControllers: ids },
  } as Scenario;
  return { project, s };
}

/**
 * One write per step on a single path (each write re-triggers the controller until it has counted to `steps`), with
 * `background` untouched ConfigMaps of the same kind it writes. Root construction (seeding, O(objects)) is
 * measured apart from the steps.
 */
async function perStep(steps: number, background: number) {
  const controllers = [
    defineController({
      id: "Counter",
      for: "example.com/Tick",
      // Only ConfigMap "n" maps back to the tick, so each write triggers the next step.
      watches: [
        {
          kind: "core/ConfigMap",
          map: (o) => (o.metadata.name === "n" ? [{ namespace: "default", name: "t" }] : []),
        },
      ],
      reconcile(ctx) {
        const c = ctx.get("core/ConfigMap", { namespace: "default", name: "n" });
        const v = Number((c?.data as { v: string } | undefined)?.v ?? "0");
        if (c && v < steps) ctx.update({ ...c, data: { v: String(v + 1) } });
      },
    }),
  ];
  const bg = Array.from({ length: background }, (_, i) => cm(`bg-${i}`, { payload: `value-${i}`.repeat(4) }));
  const tick = { apiVersion: "example.com/v1", kind: "Tick", metadata: { name: "t", namespace: "default" } };
  const s = {
    name: "long",
    environmentState: { objects: [cm("n", { v: "0" }), tick, ...bg] },
    tuning: { maxDepth: steps + 5 },
  } as Scenario;
  const reg = buildRegistry(controllers);
  const cfg = resolveConfig(s, reg.ids, { optimizations: ALL_OPTIMIZATIONS });
  let best = { root: Number.POSITIVE_INFINITY, step: Number.POSITIVE_INFINITY };
  for (let rep = 0; rep < 3; rep++) {
    const env: StepEnv = { cfg, reg, store: new VersionStore(), keyCfg: keyConfigFor(cfg) };
    let c0 = process.cpuUsage();
    const root = buildRoot(env);
    const r = process.cpuUsage(c0);
    const st = new SearchState(env, {}, controllers);
    c0 = process.cpuUsage();
    await exploreDfs(st, root);
    const c = process.cpuUsage(c0);
    if (st.stats.TotalReconcileSteps < steps)
      throw new Error(`bench: only ${st.stats.TotalReconcileSteps} steps ran`);
    best = {
      root: Math.min(best.root, (r.user + r.system) / 1000),
      step: Math.min(best.step, (c.user + c.system) / st.stats.TotalReconcileSteps),
    };
  }
  console.log(
    `${String(background).padStart(6)} background objects: root ${best.root.toFixed(1).padStart(6)} ms (once), ${best.step.toFixed(1).padStart(5)} µs per step (${steps} steps)`,
  );
}

console.log("Throughput (DFS search only; states/s = visits per CPU-second, best of 3 after a warm-up):");
await measure("warm-up (discarded)", counters(3, 1), ALL_OPTIMIZATIONS);
await measure("race (3 controllers, tiny)", race(), ALL_OPTIMIZATIONS);
for (const [label, sys] of [
  ["counters 2x2 (small, cross-triggered)", counters(2, 2)],
  ["counters 3x1 (cross-triggered)", counters(3, 1)],
  ["pipeline (2 apps, 3 controllers)", pipeline()],
] as const) {
  const o = await measure(`${label} optimised`, sys, ALL_OPTIMIZATIONS);
  const u = await measure(`${label} unoptimised`, sys, NO_OPTIMIZATIONS);
  const ge = u.timedOut ? "≥" : "";
  console.log(
    `  → optimisations: visits ${ge}${u.visits} → ${o.visits} (${ge}${(u.visits / o.visits).toFixed(1)}× fewer)`,
  );
}
await measure("counters 3x2 (cross-triggered) optimised", counters(3, 2), ALL_OPTIMIZATIONS);

console.log("\nPer-step cost vs untouched background objects of the written kind (1000 writes on one path):");
await perStep(1000, 10); // warm-up
for (const bg of [10, 1000, 5000]) await perStep(1000, bg);

console.log(
  "\nObject-set write + fingerprint (the per-step hashing), same kind as the background, 20,000 writes:",
);
for (const n of [10, 1000, 10000]) {
  let set = ObjectSet.EMPTY;
  for (let i = 0; i < n; i++)
    set = set.with(makeEntry("core/Secret", "default", `bg-${i}`, `u${i}`, `h${i}`, i + 1));
  const c0 = process.cpuUsage();
  let fp = "";
  for (let i = 0; i < 20000; i++) {
    set = set.with(makeEntry("core/ConfigMap", "default", "n", "u", `v${i}`, n + i + 1));
    fp = set.fingerprint;
  }
  const c = process.cpuUsage(c0);
  console.log(
    `  ${String(n).padStart(6)} objects: ${((c.user + c.system) / 20000).toFixed(2)} µs per write+fingerprint (${fp.length} chars)`,
  );
}

/**
 * Monte Carlo on worker threads (issue 15): the same `explore --trials N` run with 1 and 2 workers, dumps written to
 * a temp folder as the CLI does. Wall time is what workers change; the load average says how quiet the machine was.
 */
async function monteCarloWorkers(trials: number) {
  const root = path.resolve(import.meta.dirname, "..");
  const inputs = "projects/kratix-lite/scenarios/k5_work-placement-status-race.json";
  const best = new Map<number, number>();
  for (const workers of [1, 2, 1, 2]) {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "ctrlhunt-bench-mc-"));
    const load = os.loadavg()[0] as number;
    const t0 = performance.now();
    const { record } = await runEmbedded(
      root,
      { project: "kratix-lite", scenarioFile: inputs, mode: "exploration", outDir: out, trials, workers },
      { layout: "flat" },
    );
    const ms = performance.now() - t0;
    fs.rmSync(out, { recursive: true, force: true });
    if (record.dumps.length !== trials)
      throw new Error(`bench: ${record.dumps.length} dumps, expected ${trials}`);
    best.set(workers, Math.min(best.get(workers) ?? Number.POSITIVE_INFINITY, ms));
    console.log(
      `  kratix-lite ${trials} trials, ${workers} worker(s): ${(ms / 1000).toFixed(2)} s  (load ${load.toFixed(2)})`,
    );
  }
  const one = best.get(1) as number;
  const two = best.get(2) as number;
  console.log(
    `  → best of 2: ${(one / 1000).toFixed(2)} s vs ${(two / 1000).toFixed(2)} s: ${(one / two).toFixed(2)}× with 2 workers on ${os.availableParallelism()} cores (target ≥ 1.8×)`,
  );
}

console.log("\nMonte Carlo trials on worker threads (wall time, dumps written):");
await monteCarloWorkers(Number(process.env.BENCH_MC_TRIALS ?? 2000));
