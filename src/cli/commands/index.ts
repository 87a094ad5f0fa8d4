import type { Command } from "commander";
import type { CliContext } from "../io.ts";
import { registerAnalyzeCommands } from "./analyze.ts";
import { registerMapCommands } from "./map.ts";
import { registerAuthorCommands } from "./author.ts";
import { registerCampaignCommands } from "./campaign.ts";
import { registerExploreCommands } from "./explore.ts";
import { registerPhaseCommands } from "./phase.ts";
import { registerSkillsCommands } from "./skills.ts";
import { registerFindingCommands } from "./finding.ts";
import { registerHuntCommands } from "./hunt.ts";
import { registerInitCommands } from "./init.ts";
import { registerInvariantCommands } from "./invariant.ts";
import { registerHypothesisCommands } from "./hypothesis.ts";
import { registerLintCommands } from "./lint.ts";
import { registerMcpCommands } from "./mcp.ts";
import { registerReportCommands } from "./report.ts";
import { registerRollupCommands } from "./rollup.ts";
import { registerScenarioCommands } from "./scenario.ts";

/** A domain's CLI registration: adds its subcommands to the root program. */
export type RegisterCommands = (program: Command, ctx: CliContext) => void;

/** One line per domain; order is the order in `ctrlhunt --help`. */
export const commandModules: RegisterCommands[] = [
  registerInitCommands,
  registerHuntCommands,
  registerScenarioCommands,
  registerAnalyzeCommands,
  registerMapCommands,
  registerAuthorCommands,
  registerExploreCommands,
  registerCampaignCommands,
  registerPhaseCommands,
  registerSkillsCommands,
  registerHypothesisCommands,
  registerFindingCommands,
  registerInvariantCommands,
  registerReportCommands,
  registerRollupCommands,
  registerLintCommands,
  registerMcpCommands,
];
