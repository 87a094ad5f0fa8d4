import type { RegisterCommands } from "./index.ts";

/**
 * The top-level commands as `ctrlhunt --help` lists them, each with the module that registers it. The CLI loads
 * only the module of the command it runs (a command's module pulls in its whole domain: engine, analysis, SDKs),
 * so `--help` and light commands start fast. test/cli/lazy-program.test.ts checks this table against the modules.
 */
export interface CatalogEntry {
  name: string;
  /** As in the root help: name, `[options]` and arguments. */
  term: string;
  description: string;
  load(): Promise<RegisterCommands>;
}

export const CATALOG: readonly CatalogEntry[] = [
  {
    name: "init",
    term: "init [options] [dir]",
    description:
      "Create a workspace (projects/, hypotheses/, evidence/), optionally seeded with bundled projects",
    load: async () => (await import("./init.ts")).registerInitCommands,
  },
  {
    name: "hunt",
    term: "hunt [options] <project>",
    description:
      "Run the investigation end to end: map → author → explore → analyze → report → hypothesize → rerun → rollup",
    load: async () => (await import("./hunt.ts")).registerHuntCommands,
  },
  {
    name: "scenario",
    term: "scenario",
    description: "Check, migrate and lint kamera workflow (scenario) files; JSON Schema for editors",
    load: async () => (await import("./scenario.ts")).registerScenarioCommands,
  },
  {
    name: "analyze",
    term: "analyze",
    description:
      "Analyse exploration dumps: metrics and verdicts, terminal states, diffs, paths, KindSequence calibration",
    load: async () => (await import("./analyze.ts")).registerAnalyzeCommands,
  },
  {
    name: "map",
    term: "map [options] <project>",
    description:
      "Map a project's controller surface: triggers, reads, writes per reconcile, crash windows, shared state, stale-read windows → projects/<p>/surface-map.json",
    load: async () => (await import("./map.ts")).registerMapCommands,
  },
  {
    name: "author",
    term: "author [options] <project>",
    description:
      "Generate annotated scenarios from the surface map: baselines, orderings, staleness windows, crash windows, user-action timing (never overwrites)",
    load: async () => (await import("./author.ts")).registerAuthorCommands,
  },
  {
    name: "explore",
    term: "explore [options] <project>",
    description:
      "Explore scenarios with the embedded engine (kamera semantics); writes one dump per scenario × phase × trial",
    load: async () => (await import("./explore.ts")).registerExploreCommands,
  },
  {
    name: "campaign",
    term: "campaign",
    description:
      "Sharded exploration: plan units, run shards (local processes or a Kubernetes Indexed Job), collect into evidence",
    load: async () => (await import("./campaign.ts")).registerCampaignCommands,
  },
  {
    name: "phase",
    term: "phase [options] [name]",
    description:
      "List the hunt's phases, print a phase's playbook, or run one phase offline or driven by a model",
    load: async () => (await import("./phase.ts")).registerPhaseCommands,
  },
  {
    name: "skills",
    term: "skills",
    description: "Agent skills: the phase playbooks for coding agents outside ctrlhunt",
    load: async () => (await import("./skills.ts")).registerSkillsCommands,
  },
  {
    name: "hypothesis",
    term: "hypothesis",
    description:
      "Hypotheses → perturbation variants → runs → confirmed / refuted / inconclusive / blocked (Phase J)",
    load: async () => (await import("./hypothesis.ts")).registerHypothesisCommands,
  },
  {
    name: "finding",
    term: "finding",
    description: "Findings: add, list, show, retract, keep evidence (IDs F<n> are never reused)",
    load: async () => (await import("./finding.ts")).registerFindingCommands,
  },
  {
    name: "invariant",
    term: "invariant",
    description:
      "Invariants proposed from the reference trace: list, show, accept, reject (only accepted ones judge)",
    load: async () => (await import("./invariant.ts")).registerInvariantCommands,
  },
  {
    name: "report",
    term: "report [options] [project]",
    description:
      "Render evidence/<project>/ANALYSIS.md from the records (lint first; hand-written regions are kept)",
    load: async () => (await import("./report.ts")).registerReportCommands,
  },
  {
    name: "rollup",
    term: "rollup [options]",
    description:
      "Render evidence/BUG-FINDINGS.md from every project's records (counts computed, never typed)",
    load: async () => (await import("./rollup.ts")).registerRollupCommands,
  },
  {
    name: "lint",
    term: "lint [options] [project]",
    description:
      "Check the evidence: confirmed claims cite resolving dumps, code analysis is labelled, hypotheses have a status and reason, the rollup's counts match the records",
    load: async () => (await import("./lint.ts")).registerLintCommands,
  },
  {
    name: "mcp",
    term: "mcp [options]",
    description:
      "Serve ctrlhunt to MCP clients over stdio: the agent tools, playbooks as prompts, records as resources",
    load: async () => (await import("./mcp.ts")).registerMcpCommands,
  },
];
