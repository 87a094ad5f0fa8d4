/**
 * bench:skip — what the ordering heuristic `ownNoOpOrderingSkip` costs and saves: every DFS scenario of the given
 * project folders explored with and without it (all other optimisations on), printing the visits and every
 * scenario whose terminal states differ (a lost outcome; the heuristic never adds one).
 * Run: npm run bench:skip [-- <project folder>…]   (default: the bundled targets and bench/power/systems)
 * For the hunts' own variants: npm run bench:power -- --keep, then pass /tmp/ctrlhunt-power-* /projects/*.
 */
import fs from "node:fs";
import path from "node:path";
import { ALL_OPTIMIZATIONS, exploreScenario, loadEmbeddedProject } from "../src/engine/index.ts";
import type { Scenario } from "../src/formats/workflow.ts";
import { readWorkflowFile } from "../src/scenario/index.ts";

const CAP = 60_000;

function projectDirs(args: string[]): string[] {
  if (args.length > 0) return args;
  const under = (d: string) => fs.readdirSync(d).map((x) => path.join(d, x));
  return [...under("projects"), ...under("bench/power/systems")];
}

async function terminals(dir: string, s: Scenario, skip: boolean) {
  const project = await loadEmbeddedProject(path.join(dir, "project.ts"));
  const out = await exploreScenario(project, s, {
    mode: "exploration",
    reproducible: true,
    maxStates: CAP,
    optimizations: { ...ALL_OPTIMIZATIONS, ownNoOpOrderingSkip: skip },
  });
  const states = new Set<string>();
  let visits = 0;
  for (const o of out) {
    visits += o.dump.campaignMetrics?.totalNodeVisits ?? 0;
    for (const st of o.dump.states ?? []) states.add(JSON.stringify(st.state.contents.objects ?? []));
  }
  return { states, visits };
}

function dfsScenarios(dir: string): Array<{ file: string; s: Scenario }> {
  const sdir = path.join(dir, "scenarios");
  if (!fs.existsSync(path.join(dir, "project.ts")) || !fs.existsSync(sdir)) return [];
  return fs
    .readdirSync(sdir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .flatMap((file) => {
      try {
        return readWorkflowFile(path.join(sdir, file)).map((s) => ({ file, s }));
      } catch {
        return []; // not a workflow file (expectations, notes)
      }
    })
    .filter(({ s }) => s.tuning?.search?.mode !== "monte_carlo" && !s.tuning?.search?.monteCarlo);
}

const totals = { scenarios: 0, lost: 0, visitsWithout: 0, visitsWith: 0 };
for (const dir of projectDirs(process.argv.slice(2))) {
  for (const { file, s } of dfsScenarios(dir)) {
    const off = await terminals(dir, s, false);
    const on = await terminals(dir, s, true);
    totals.scenarios++;
    totals.visitsWithout += off.visits;
    totals.visitsWith += on.visits;
    const missing = [...off.states].filter((x) => !on.states.has(x)).length;
    if (missing > 0) {
      totals.lost++;
      console.log(`LOST ${missing} of ${off.states.size} terminal state(s): ${dir} ${file} (${s.name})`);
    }
  }
}
console.log(
  `${totals.scenarios} DFS scenarios · visits ${totals.visitsWithout} → ${totals.visitsWith} · ${totals.lost} lost a terminal state`,
);
console.log(JSON.stringify(totals));
