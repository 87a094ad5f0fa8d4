import fs from "node:fs";
import path from "node:path";
import { CtrlhuntError } from "../errors/index.ts";
import type { HypothesisParameters, Predicate } from "../formats/hypothesis-parameters.ts";
import type { Hypothesis, HypothesisType } from "../formats/records.ts";
import { discoverProject, relativeToWorkspace } from "../workspace/index.ts";
import type { HypothesisEnv } from "./runs.ts";
import { pickScenario } from "./variant.ts";
import { readWorkflowFile } from "../scenario/index.ts";

export interface NewHypothesisInput {
  claim: string;
  type: HypothesisType;
  controllers?: string[];
  kinds?: string[];
  /** Scenario file (absolute, or relative to the workspace). */
  scenario: string;
  scenarioName?: string;
  parameters?: HypothesisParameters;
  predicates?: Predicate[];
  source?: string;
}

/** `hypothesis add`: an unverified hypothesis with a never-reused H<n>, its scenario checked to exist and parse. */
export function addHypothesisToWorkspace(
  env: HypothesisEnv,
  project: string,
  input: NewHypothesisInput,
): Hypothesis {
  discoverProject(env.root, project);
  const file = path.resolve(env.root, input.scenario);
  if (!fs.existsSync(file))
    throw new CtrlhuntError("CTRLHUNT_NOT_FOUND", `scenario file ${input.scenario} does not exist`);
  const scenario = pickScenario(readWorkflowFile(file), input.scenarioName, input.scenario);
  return env.store.addHypothesis(project, {
    claim: input.claim,
    type: input.type,
    targets: { controllers: input.controllers ?? [], kinds: input.kinds ?? [] },
    status: "unverified",
    scenario: relativeToWorkspace(env.root, file),
    ...(input.scenarioName ? { scenarioName: scenario.name } : {}),
    ...(input.parameters ? { parameters: input.parameters } : {}),
    ...(input.predicates?.length ? { predicates: input.predicates } : {}),
    source: input.source ?? "user",
  });
}
