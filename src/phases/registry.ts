import { z } from "zod";

/**
 * The phases of a hunt, in order (workflow §1, §6: map = A+B, author = C, explore = D, analyze = E–G,
 * report = H, hypothesize = J, rerun = I, rollup = K). `hunt` composes them; each has a playbook
 * (playbooks/<name>.md, parity-tested) that an agent — ctrlhunt's own or an outside one — follows.
 */
export const PhaseName = z.enum([
  "map",
  "author",
  "explore",
  "analyze",
  "report",
  "hypothesize",
  "rerun",
  "rollup",
]);
export type PhaseName = z.infer<typeof PhaseName>;

export interface PhaseInfo {
  name: PhaseName;
  /** kamera workflow phases it covers */
  workflow: string;
  description: string;
}

export const PHASES: readonly PhaseInfo[] = [
  {
    name: "map",
    workflow: "A+B",
    description:
      "Map the controller surface: triggers, reads, writes per reconcile, crash windows, shared state, stale-read windows; gate on the dependency-graph contract",
  },
  {
    name: "author",
    workflow: "C",
    description:
      "Design scenarios from the surface map: baselines, orderings, staleness windows, crash windows and user-action timing, each annotated",
  },
  {
    name: "explore",
    workflow: "D",
    description:
      "Run every scenario through the engine in the right mode and record the runs and their dumps",
  },
  {
    name: "analyze",
    workflow: "E+F+G",
    description:
      "Judge convergence and cycling, compare terminal states across orderings and trials, extract path-cited ordering evidence",
  },
  {
    name: "report",
    workflow: "H",
    description:
      "Turn trace evidence into findings with severity, citations and reproduction; render ANALYSIS.md",
  },
  {
    name: "hypothesize",
    workflow: "J",
    description:
      "Classify unverified hypotheses into perturbations, calibrate and pre-flight them, write -hypothesis-N variants",
  },
  {
    name: "rerun",
    workflow: "I+J",
    description:
      "Run the variants, judge each hypothesis confirmed / refuted / inconclusive / blocked from evidence, append dated re-run sections",
  },
  {
    name: "rollup",
    workflow: "K",
    description:
      "Compute BUG-FINDINGS.md from the records, lint every claim against its dump, record coverage",
  },
];

export function phaseInfo(name: PhaseName): PhaseInfo {
  return PHASES.find((p) => p.name === name) as PhaseInfo;
}

/** Phases from `from` on (inclusive), in order. */
export function phasesFrom(from: PhaseName): PhaseInfo[] {
  return PHASES.slice(PHASES.findIndex((p) => p.name === from));
}
