import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openEvidenceStore } from "../../src/evidence/index.ts";
import type { Finding } from "../../src/formats/records.ts";
import { readHuntState, runHunt } from "../../src/phases/hunt/index.ts";
import { clockFromEnv, initWorkspace } from "../../src/workspace/index.ts";
import { type Expectation, readExpectation } from "./expect.ts";
import { matchesSymptom, type SystemResult } from "./score.ts";

/** Where the benchmark's systems live: one folder per system (project.ts, scenarios/, expect.json). */
export const SYSTEMS_DIR = path.join(import.meta.dirname, "systems");
/** Records and dumps regenerate identically under a fixed epoch (2026-01-01T00:00:00Z). */
export const EPOCH = "1767225600";

export function systemNames(dir = SYSTEMS_DIR): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(dir, e.name, "expect.json")))
    .map((e) => e.name)
    .sort();
}

/**
 * States the hunt spent until its first confirmation that names the planted symptom, counted as bench:hunt counts
 * them: the base scenario's reference runs, then every run of each hypothesis in the order the hunt tested them.
 */
function statesUntil(
  root: string,
  project: string,
  fromReference: boolean,
  hit: (hypothesisId: string) => boolean,
): number | undefined {
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
  // A bug on every path is confirmed from the reference runs alone, before any hypothesis is tested.
  if (fromReference) return states;
  for (const id of readHuntState(root, project).phases.rerun?.outputs ?? []) {
    const h = hyps.get(id);
    if (!h) continue;
    for (const runId of h.runs)
      if (!baseRefs.has(runId)) states += runs.get(runId)?.metrics.totalNodeVisits ?? 0;
    if (h.status === "confirmed" && hit(id)) return states;
  }
  return undefined;
}

/** The confirmed finding that a hypothesis led to (its own, or the one it corroborated). */
function findingOfHypothesis(findings: readonly Finding[], hypothesisId: string, linked?: string) {
  return findings.find((f) => f.id === linked) ?? findings.find((f) => f.hypothesis === hypothesisId);
}

/** A finding that names the planted symptom and came from no hypothesis: the reference runs confirmed it. */
const fromReference = (findings: readonly Finding[], expect: Expectation) =>
  findings.some((f) => !f.hypothesis && matchesSymptom(f, expect));

/** One system: a fresh workspace, the offline hunt in-process with a fixed epoch, its confirmed findings scored. */
export async function runSystem(
  name: string,
  opts: { dir?: string; keep?: boolean; onStep?: (msg: string) => void } = {},
): Promise<SystemResult> {
  const dir = opts.dir ?? SYSTEMS_DIR;
  const expect = readExpectation(path.join(dir, name));
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `ctrlhunt-power-${name}-`));
  const t0 = performance.now();
  try {
    initWorkspace(root, { with: [name], from: dir });
    const clock = clockFromEnv({ SOURCE_DATE_EPOCH: EPOCH });
    await runHunt({
      root,
      project: name,
      clock,
      onEvent: (e) => {
        if (e.type === "step" && e.phase === "rerun") opts.onStep?.(e.message);
      },
    });
    const store = openEvidenceStore(root);
    const findings = store.listFindings(name).filter((f) => f.status === "confirmed");
    const confirmed = findings.map((f) => ({
      id: f.id,
      title: f.title,
      ...(f.hypothesis ? { hypothesis: f.hypothesis } : {}),
      matched: expect.planted && matchesSymptom(f, expect),
      ...(f.symptom ? { symptom: JSON.stringify(f.symptom) } : {}),
    }));
    const hyps = new Map(store.listHypotheses(name).map((h) => [h.id, h]));
    const statesToMatch = expect.planted
      ? statesUntil(root, name, fromReference(findings, expect), (id) => {
          const f = findingOfHypothesis(findings, id, hyps.get(id)?.finding);
          return f !== undefined && matchesSymptom(f, expect);
        })
      : undefined;
    return {
      name,
      expect,
      confirmed,
      ...(statesToMatch !== undefined ? { statesToMatch } : {}),
      huntStates: readHuntState(root, name).usage.statesExplored,
      ms: Math.round(performance.now() - t0),
    };
  } catch (e) {
    return {
      name,
      expect,
      confirmed: [],
      huntStates: 0,
      ms: Math.round(performance.now() - t0),
      error: e instanceof Error ? e.message : String(e),
    };
  } finally {
    if (!opts.keep) fs.rmSync(root, { recursive: true, force: true });
    else opts.onStep?.(`workspace kept: ${root}`);
  }
}
