// Child process of bench/kamera.bench.ts: one embedded-engine exploration with every controller permuted, so its
// peak RSS is its own. Prints one JSON line: visits, unique, converged, wall and CPU time, peak RSS.
import path from "node:path";
import {
  exploreScenario,
  loadEmbeddedProject,
  NO_OPTIMIZATIONS,
  readWorkflowFile,
} from "../src/engine/index.ts";

const [projectFile, scenarioFile, opt] = process.argv.slice(2);
const project = await loadEmbeddedProject(path.resolve(projectFile));
const ids = project.controllers.map((c) => c.id);
const [s] = readWorkflowFile(path.resolve(scenarioFile));
const began = performance.now();
const cpuBefore = process.cpuUsage();
const outs = await exploreScenario(
  project,
  { ...s, tuning: { ...s.tuning, permuteControllers: ids } },
  { mode: "exploration", ...(opt === "none" ? { optimizations: NO_OPTIMIZATIONS } : {}) },
);
const wallMs = performance.now() - began;
const cpu = process.cpuUsage(cpuBefore);
const m = outs[0].dump.campaignMetrics ?? {};
const converged = (outs[0].dump.states ?? []).filter((x) => !x.error).length;
console.log(
  JSON.stringify({
    visits: m.totalNodeVisits ?? 0,
    unique: m.uniqueNodeVisits ?? 0,
    converged,
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    maxRssKb: process.resourceUsage().maxRSS,
  }),
);
