import fs from "node:fs";
import path from "node:path";
import {
  ENGINE_VERSION,
  engineFor,
  loadEmbeddedProject,
  modelDigest,
  planPhases,
  readWorkflowFile,
  resolveProjectFile,
  runInvocationId,
  writeDumpJson,
} from "../engine/index.ts";
import { CtrlhuntError } from "../errors/index.ts";
import type { CampaignFile, CampaignScenario } from "../formats/campaign.ts";
import type { RunMode } from "../formats/run-record.ts";
import {
  discoverProject,
  holdLock,
  relativeToWorkspace,
  workspacePaths,
  writeRecord,
} from "../workspace/index.ts";
import { type CampaignHypotheses, CampaignFile as CampaignSchema } from "../formats/campaign.ts";
import { type EvidenceStore, openEvidenceStore } from "../evidence/index.ts";
import { type HypothesisSelector, planHypotheses } from "./hypothesis-plan.ts";
import { campaignFile, campaignSha256, sha256Text } from "./layout.ts";
import { cutUnits, hypothesisUnits } from "./units.ts";

export interface PlanRequest {
  project: string;
  /** Scenario file (absolute, or relative to the workspace): its scenario × phase × trial-range units. */
  inputs?: string;
  mode?: RunMode;
  shards: number;
  trials?: number;
  seed?: number;
  maxDepth?: number;
  scenarioNames?: string[];
  /** Hypothesis variants to run as units (one unit each). */
  hypotheses?: HypothesisSelector;
  /** Per hypothesis variant run, as `hypothesis run --timeout`. */
  timeoutMs?: number;
}

/** What planning needs besides the workspace: its ledger (hypotheses, reference runs) and the command (hunt lock). */
export interface PlanDeps {
  store?: EvidenceStore;
  command?: string;
}

/** The scenario side of a campaign, checked: scenario units exist only with inputs, mode and invocation id. */
export function scenarioPart(c: CampaignFile): { inputs: string; mode: RunMode; invocationId: string } {
  if (c.inputs === undefined || c.mode === undefined || c.invocationId === undefined)
    throw new CtrlhuntError("CTRLHUNT_CAMPAIGN_INVALID", "campaign has no scenario inputs");
  return { inputs: c.inputs, mode: c.mode, invocationId: c.invocationId };
}

/** The options a scenario is explored with, identical for the plan, every shard and an unsharded run. */
export function exploreOptionsOf(c: CampaignFile, scenario: CampaignScenario, scenarioFile: string) {
  const { inputs, mode, invocationId } = scenarioPart(c);
  return {
    mode,
    trials: c.trials,
    maxDepth: c.maxDepth,
    seed: c.seed,
    invocationId,
    inputRef: `${inputs}#${scenario.index}`,
    runIndex: scenario.index,
    file: scenarioFile,
  };
}

type Draft = Omit<CampaignFile, "sha256">;

/**
 * The scenario units' part of a campaign: the phases of every scenario (closed-loop: the reference runs here and
 * the phases derived from it are pinned with its hash). Embedded targets only.
 */
async function planScenarios(
  root: string,
  req: PlanRequest & { inputs: string },
  draft: Draft,
): Promise<Draft> {
  const projectFile = resolveProjectFile(root, req.project);
  const project = await loadEmbeddedProject(projectFile);
  const scenarioFile = path.resolve(root, req.inputs);
  const all = readWorkflowFile(scenarioFile);
  const unknown = (req.scenarioNames ?? []).filter((n) => !all.some((s) => s.name === n));
  if (unknown.length)
    throw new CtrlhuntError("CTRLHUNT_USAGE", `no scenario named ${unknown.join(", ")} in ${scenarioFile}`);
  const names = all.map((s) => s.name);
  const twice = names.filter((n, i) => names.indexOf(n) !== i);
  if (twice.length)
    throw new CtrlhuntError(
      "CTRLHUNT_USAGE",
      `${scenarioFile}: scenario names must be unique in a campaign (${[...new Set(twice)].join(", ")} repeats)`,
    );
  const mode = req.mode ?? "exploration";
  const scenarioSha256 = sha256Text(fs.readFileSync(scenarioFile));
  const withInputs: Draft = {
    ...draft,
    inputs: relativeToWorkspace(root, scenarioFile),
    mode,
    invocationId: runInvocationId(scenarioSha256, mode, req.seed ?? 0, req.scenarioNames ?? []),
    provenance: { ...draft.provenance, scenarioSha256 },
  };
  const scenarios: CampaignScenario[] = [];
  const references: Record<string, string> = {};
  for (const [index, s] of all.entries()) {
    if (req.scenarioNames && !req.scenarioNames.includes(s.name)) continue;
    const stub: CampaignScenario = { name: s.name, index, phases: [] };
    const planned = await planPhases(project, s, {
      ...exploreOptionsOf({ ...withInputs, sha256: "" }, stub, scenarioFile),
      reproducible: true,
    });
    if (planned.reference) references[s.name] = sha256Text(writeDumpJson(planned.reference.dump));
    scenarios.push({
      ...stub,
      phases: planned.phases,
      ...(planned.trials ? { trials: planned.trials } : {}),
    });
  }
  if (Object.keys(references).length) withInputs.provenance.referenceSha256 = references;
  return { ...withInputs, scenarios };
}

/**
 * The hypothesis units' part: each variant prepared as `hypothesis run` would (under the project's hunt lock, as it
 * writes variants and reference runs to the ledger) and pinned.
 */
async function planHypothesisPart(
  root: string,
  req: PlanRequest & { hypotheses: HypothesisSelector },
  deps: PlanDeps,
): Promise<CampaignHypotheses> {
  const release = holdLock(
    workspacePaths(root).huntLock(req.project),
    deps.command ?? `ctrlhunt campaign plan ${req.project}`,
    `a hunt of ${req.project}`,
  );
  try {
    const store = deps.store ?? openEvidenceStore(root);
    const env = { root, store, engineFor: (p: string) => engineFor(root, p, { clock: store.clock }) };
    return await planHypotheses(env, req.project, req.hypotheses, req.timeoutMs);
  } finally {
    release();
  }
}

/**
 * Plan a campaign: scenario units from `inputs` (embedded targets) and/or hypothesis variant units, cut for
 * `shards` shards. Everything a shard runs is pinned (model, scenario and variant sha256s, reference hashes).
 */
export async function planCampaign(
  root: string,
  req: PlanRequest,
  deps: PlanDeps = {},
): Promise<CampaignFile> {
  if (req.project.endsWith(".ts"))
    throw new CtrlhuntError(
      "CTRLHUNT_USAGE",
      `a campaign needs a project of the workspace (projects/<name>/project.ts), not a file path: every shard finds it by name`,
    );
  if (req.inputs === undefined && req.hypotheses === undefined)
    throw new CtrlhuntError(
      "CTRLHUNT_USAGE",
      "a campaign needs --inputs <file>, --hypotheses <ids|all|pending> or both",
    );
  const found = discoverProject(root, req.project);
  if (found.kind !== "embedded" && req.inputs !== undefined)
    throw new CtrlhuntError(
      "CTRLHUNT_USAGE",
      `project "${req.project}" is a kamera target: its campaigns shard hypothesis variants (--hypotheses), not --inputs`,
    );
  let draft: Draft = {
    format: "ctrlhunt-campaign/v1",
    project: req.project,
    engine: found.kind,
    seed: req.seed ?? 0,
    ...(req.trials !== undefined ? { trials: req.trials } : {}),
    ...(req.maxDepth !== undefined ? { maxDepth: req.maxDepth } : {}),
    shards: req.shards,
    provenance: {
      ctrlhuntVersion: ENGINE_VERSION,
      ...(found.kind === "embedded" ? { modelSha256: modelDigest(found.definitionFile) } : {}),
    },
    scenarios: [],
    units: [],
  };
  if (req.inputs !== undefined) draft = await planScenarios(root, { ...req, inputs: req.inputs }, draft);
  const scenarioUnits = cutUnits(draft.scenarios, req.shards);
  const hypotheses =
    req.hypotheses !== undefined
      ? await planHypothesisPart(root, { ...req, hypotheses: req.hypotheses }, deps)
      : undefined;
  draft.units = [...scenarioUnits, ...hypothesisUnits(hypotheses?.items ?? [], scenarioUnits.length)];
  if (hypotheses) draft.hypotheses = hypotheses;
  return { ...draft, sha256: campaignSha256(draft) };
}

/** Write the plan into `dir` (created). A folder that already holds another campaign is refused. */
export function writeCampaign(dir: string, c: CampaignFile): string {
  const file = campaignFile(dir);
  if (fs.existsSync(file)) {
    const existing = JSON.parse(fs.readFileSync(file, "utf8")) as { sha256?: string };
    if (existing.sha256 !== c.sha256)
      throw new CtrlhuntError("CTRLHUNT_USAGE", `${dir} already holds another campaign; use a fresh folder`);
  }
  fs.mkdirSync(dir, { recursive: true });
  writeRecord(CampaignSchema, file, c);
  return file;
}
