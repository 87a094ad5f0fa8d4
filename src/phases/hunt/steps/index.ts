import type { PhaseName } from "../../registry.ts";
import type { PhaseStep } from "../context.ts";
import { analyzeStep } from "./analyze.ts";
import { exploreStep } from "./explore.ts";
import { hypothesizeStep } from "./hypothesize.ts";
import { authorStep } from "./author.ts";
import { mapStep } from "./map.ts";
import { reportStep, rollupStep } from "./report.ts";
import { rerunStep } from "./rerun.ts";

/** One step per phase: a phase without a step fails to compile. `redo` = the user asked to repeat finished work. */
export function phaseSteps(redo: boolean): Record<PhaseName, PhaseStep> {
  return {
    map: mapStep,
    author: authorStep,
    explore: exploreStep(redo),
    analyze: analyzeStep,
    report: reportStep,
    hypothesize: hypothesizeStep,
    rerun: rerunStep(redo),
    rollup: rollupStep,
  };
}
