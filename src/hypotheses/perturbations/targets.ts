import type { HypothesisParameters } from "../../formats/hypothesis-parameters.ts";
import type { Hypothesis } from "../../formats/records.ts";

/** The named targets and parameters of a hypothesis, with defaults filled. */
export function targetsOf(h: Hypothesis): {
  controllers: string[];
  kinds: string[];
  params: HypothesisParameters;
} {
  return {
    controllers: [...(h.targets.controllers ?? [])],
    kinds: [...(h.targets.kinds ?? [])],
    params: h.parameters ?? {},
  };
}
