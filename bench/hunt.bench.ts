/**
 * bench:hunt — per bundled target: states the offline planner explores until the planted bug is confirmed, states
 * of exhaustive DFS on the same base scenario (every controller permuted; optimised, and unoptimised up to a cap),
 * the ratio, and the hunt's wall time. Targets: ≤ 1,000 states per confirmation, ≥ 100× fewer than exhaustive.
 * Run: npm run bench:hunt   (CAP_MS caps each unoptimised exhaustive search; default 60 s)
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  ALL_OPTIMIZATIONS,
  exploreScenario,
  loadEmbeddedProject,
  NO_OPTIMIZATIONS,
} from "../src/engine/index.ts";
import { openEvidenceStore } from "../src/evidence/index.ts";
import type { Hypothesis } from "../src/formats/records.ts";
import { PERTURBATIONS } from "../src/hypotheses/index.ts";
import { runHunt } from "../src/phases/hunt/index.ts";
import { readWorkflowFile } from "../src/scenario/index.ts";
import { initWorkspace, scenarioFiles } from "../src/workspace/index.ts";

/** Target → the perturbation dimensions that expose its planted bug. */
const TARGETS: Record<string, string[]> = {
  "kro-lite": ["fault-injection"],
  "karpenter-lite": ["ordering", "monte-carlo"],
  "crossplane-lite": ["staleness", "user-action-timing"],
  "kratix-lite": ["ordering", "monte-carlo"],
};
const CAP_MS = Number(process.env.CAP_MS ?? 60_000);

/**
 * States the planner spent until it confirmed the planted bug (a hypothesis of one of its dimensions): reference
 * runs, then each tested hypothesis in the order the hunt ran them.
 */
function statesToConfirmation(
  root: string,
  project: string,
  order: string[],
  dims: string[],
): { states: number; by?: Hypothesis } {
  const store = openEvidenceStore(root);
  const runs = new Map(store.listRuns(project).map((r) => [r.runId, r]));
  const hyps = new Map(store.listHypotheses(project).map((h) => [h.id, h]));
  const baseRefs = new Set<string>();
  let states = 0;
  for (const r of runs.values())
    if (r.mode === "reference" && !/-hypothesis-\d+\.json$/.test(r.scenarioFile)) {
      baseRefs.add(r.runId);
      states += r.metrics.totalNodeVisits;
    }
  for (const id of order) {
    const h = hyps.get(id);
    if (!h) continue;
    for (const runId of h.runs)
      if (!baseRefs.has(runId)) states += runs.get(runId)?.metrics.totalNodeVisits ?? 0;
    if (h.status === "confirmed" && dims.includes(PERTURBATIONS[h.type].dimension)) return { states, by: h };
  }
  return { states };
}

async function exhaustive(
  root: string,
  project: string,
  optimised: boolean,
  mode: "exploration" | "closed-loop" = "exploration",
) {
  const def = await loadEmbeddedProject(path.join(root, "projects", project, "project.ts"));
  const [file] = scenarioFiles(path.join(root, "projects", project, "scenarios"));
  const [scenario] = readWorkflowFile(file as string);
  const all = def.controllers.map((c) => c.id);
  const t0 = performance.now();
  const outs = await exploreScenario(
    def,
    { ...scenario!, tuning: { ...scenario!.tuning, permuteControllers: all } },
    {
      mode,
      optimizations: optimised ? ALL_OPTIMIZATIONS : NO_OPTIMIZATIONS,
      ...(optimised && mode === "exploration" ? {} : { timeoutMs: CAP_MS }),
    },
  );
  return {
    states: outs.reduce((n, o) => n + (o.dump.campaignMetrics?.totalNodeVisits ?? 0), 0),
    capped: outs.some((o) => o.timedOut),
    ms: Math.round(performance.now() - t0),
  };
}

const rows: string[] = [];
for (const [project, dims] of Object.entries(TARGETS)) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "ctrlhunt-bench-"));
  initWorkspace(root, { with: [project] });
  const t0 = performance.now();
  const summary = await runHunt({ root, project, clock: undefined });
  const huntMs = Math.round(performance.now() - t0);
  const rerun = JSON.parse(fs.readFileSync(path.join(root, "evidence", project, "hunt-state.json"), "utf8"))
    .phases.rerun;
  const { states, by } = statesToConfirmation(root, project, rerun?.outputs ?? [], dims);
  const opt = await exhaustive(root, project, true);
  const full = await exhaustive(root, project, false);
  // kamera's "let it rip" sweep: reference, every controller permuted, and every staleness window of an observed read.
  const sweep = await exhaustive(root, project, true, "closed-loop");
  const ratio = (x: number) => (states > 0 ? `${(x / states).toFixed(0)}×` : "n/a");
  rows.push(
    [
      project.padEnd(16),
      `${by ? `${by.id} ${by.type}` : "NOT CONFIRMED"}`.padEnd(26),
      String(states).padStart(8),
      String(opt.states).padStart(10),
      `${full.states}${full.capped ? "+" : ""}`.padStart(11),
      ratio(opt.states).padStart(8),
      `${ratio(full.states)}${full.capped ? "+" : ""}`.padStart(9),
      `${sweep.states}${sweep.capped ? "+" : ""}`.padStart(11),
      `${ratio(sweep.states)}${sweep.capped ? "+" : ""}`.padStart(9),
      `${(huntMs / 1000).toFixed(1)} s`.padStart(8),
      `${summary.findings.confirmed ?? 0}`.padStart(4),
    ].join(" "),
  );
  fs.rmSync(root, { recursive: true, force: true });
}
console.log(
  [
    "target           planted bug confirmed by        states  exh. (opt)  exh. (none)  ratio opt  ratio none  closed-loop  ratio cl  hunt s  bugs",
    ...rows,
    `("+": the search hit its ${CAP_MS / 1000} s cap; the true count is larger. exh. = every controller permuted on the`,
    " base scenario; closed-loop = reference + ordering rerun + every staleness window, optimisations on)",
  ].join("\n"),
);
