import fs from "node:fs";
import path from "node:path";
import {
  ENGINE_VERSION,
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
import { relativeToWorkspace, writeRecord } from "../workspace/index.ts";
import { CampaignFile as CampaignSchema } from "../formats/campaign.ts";
import { campaignFile, campaignSha256, sha256Text } from "./layout.ts";
import { cutUnits } from "./units.ts";

export interface PlanRequest {
  project: string;
  /** Scenario file (absolute, or relative to the workspace). */
  inputs: string;
  mode: RunMode;
  shards: number;
  trials?: number;
  seed?: number;
  maxDepth?: number;
  scenarioNames?: string[];
}

/** The options a scenario is explored with, identical for the plan, every shard and an unsharded run. */
export function exploreOptionsOf(c: CampaignFile, scenario: CampaignScenario, scenarioFile: string) {
  return {
    mode: c.mode,
    trials: c.trials,
    maxDepth: c.maxDepth,
    seed: c.seed,
    invocationId: c.invocationId,
    inputRef: `${c.inputs}#${scenario.index}`,
    runIndex: scenario.index,
    file: scenarioFile,
  };
}

/**
 * Plan a campaign: the phases of every scenario (closed-loop: the reference runs here and the phases derived from
 * it are pinned with its hash), cut into units for `shards` shards. Embedded targets only.
 */
export async function planCampaign(root: string, req: PlanRequest): Promise<CampaignFile> {
  if (req.project.endsWith(".ts"))
    throw new CtrlhuntError(
      "CTRLHUNT_USAGE",
      `a campaign needs a project of the workspace (projects/<name>/project.ts), not a file path: every shard finds it by name`,
    );
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
  const scenarioSha256 = sha256Text(fs.readFileSync(scenarioFile));
  const draft = {
    format: "ctrlhunt-campaign/v1" as const,
    project: req.project,
    engine: "embedded" as const,
    inputs: relativeToWorkspace(root, scenarioFile),
    mode: req.mode,
    seed: req.seed ?? 0,
    ...(req.trials !== undefined ? { trials: req.trials } : {}),
    ...(req.maxDepth !== undefined ? { maxDepth: req.maxDepth } : {}),
    shards: req.shards,
    invocationId: runInvocationId(scenarioSha256, req.mode, req.seed ?? 0, req.scenarioNames ?? []),
    provenance: { ctrlhuntVersion: ENGINE_VERSION, scenarioSha256, modelSha256: modelDigest(projectFile) },
    scenarios: [] as CampaignScenario[],
    units: [] as CampaignFile["units"],
  };
  const references: Record<string, string> = {};
  for (const [index, s] of all.entries()) {
    if (req.scenarioNames && !req.scenarioNames.includes(s.name)) continue;
    const stub: CampaignScenario = { name: s.name, index, phases: [] };
    const planned = await planPhases(project, s, {
      ...exploreOptionsOf({ ...draft, sha256: "" }, stub, scenarioFile),
      reproducible: true,
    });
    if (planned.reference) references[s.name] = sha256Text(writeDumpJson(planned.reference.dump));
    draft.scenarios.push({
      ...stub,
      phases: planned.phases,
      ...(planned.trials ? { trials: planned.trials } : {}),
    });
  }
  if (Object.keys(references).length) Object.assign(draft.provenance, { referenceSha256: references });
  draft.units = cutUnits(draft.scenarios, req.shards);
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
