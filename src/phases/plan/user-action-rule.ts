import { sweepActionDepths, timedInputs } from "../../hypotheses/sweep-actions.ts";
import { actionsOf } from "../../formats/workflow.ts";
import { SWEEP_STEP } from "./staleness-rule.ts";
import type { PlannerRule, Proposal } from "./types.ts";

/** Score of the first depth of an input; each further depth ranks lower (most distinct first). */
const FIRST = 84;

/**
 * Every UPDATE and DELETE input, and every CREATE after the first, that fired on the reference path at
 * quiescence → one timing hypothesis per depth between the previous input's firing depth and its own
 * (kamera's closed-loop interleaving), where the input can land (its object exists, or not yet for a CREATE).
 */
export const userActionTiming: PlannerRule = (_input, ref) =>
  timedInputs(ref.scenario)
    .filter((i) => ref.scenario.tuning?.userActionReadyDepths?.[String(i)] === undefined)
    .flatMap((i) => {
      const a = actionsOf(ref.scenario)[i];
      const sweep = sweepActionDepths(ref.facts, ref.scenario, i);
      const what = `${sweep.opType} ${sweep.key}`;
      const name = a?.id ? `${a.id}: ${what}` : what;
      return sweep.depths.map(
        (d, rank): Proposal => ({
          scenario: ref.file,
          scenarioName: ref.scenario.name,
          key: `action:${ref.file}#${ref.scenario.name}:${i}@${d.depth}`,
          rule: "user-action-timing",
          type: "user-action-timing",
          claim: `Firing external input ${i} (${name}) at depth ${d.depth}, while ${d.racing.join(", ")} ${d.racing.length === 1 ? "is" : "are"} still reacting${i > 0 ? ` to input ${i - 1}` : ""}, instead of at quiescence (depth ${sweep.firedAt}), leaves a different outcome`,
          controllers: d.racing,
          kinds: [],
          parameters: { actionIndex: i, readyDepth: d.depth },
          score: FIRST - SWEEP_STEP * rank,
          severity: "P1",
          sweep: {
            dimension: "user-action-timing",
            family: `input ${i} (${name})`,
            rank,
            label: `depth ${d.depth}`,
          },
        }),
      );
    });
