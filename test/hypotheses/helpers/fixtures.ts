import type { Hypothesis } from "../../../src/formats/records.ts";
import type { Scenario } from "../../../src/formats/workflow.ts";
import { referenceFacts } from "../../../src/hypotheses/reference-facts.ts";
import type { PlanContext } from "../../../src/hypotheses/types.ts";
import { dump, state, step } from "./dump-builder.ts";

export const obj = (kind: string, name: string) => ({
  apiVersion: "v1",
  kind,
  metadata: { name, namespace: "default" },
});

type HypothesisInput = Omit<Partial<Hypothesis>, "targets"> &
  Pick<Hypothesis, "type"> & { targets?: { controllers?: string[]; kinds?: string[] } };

export function hypothesis(h: HypothesisInput): Hypothesis {
  return {
    id: "H1",
    claim: "test claim",
    status: "unverified",
    variants: [],
    runs: [],
    citations: [],
    ...h,
    targets: { controllers: [], kinds: [], ...(h.targets ?? {}) },
  };
}

/** Three Bars then a Foo are seeded, so core/Foo starts at sequence 4; Writer bumps Foo to 5, Reader reads it. */
export const staleScenario: Scenario = {
  name: "stale/foo",
  environmentState: { objects: [obj("Bar", "b1"), obj("Bar", "b2"), obj("Bar", "b3"), obj("Foo", "f")] },
};

export const staleReference = dump([
  state("state-0", [
    [
      step({
        controller: "Reader",
        before: { "core/Bar": 3, "core/Foo": 4 },
        pending: ["Writer"],
        hash: "a1",
      }),
      step({
        controller: "Writer",
        writes: [["UPDATE", "core/Foo", "f"]],
        before: { "core/Bar": 3, "core/Foo": 4 },
        after: { "core/Bar": 3, "core/Foo": 5 },
        pending: ["Reader"],
        hash: "a2",
      }),
      step({ controller: "Reader", before: { "core/Bar": 3, "core/Foo": 5 }, hash: "a2" }),
    ],
  ]),
]);

export function planContext(
  h: Hypothesis,
  scenario: Scenario,
  ref = staleReference,
  registered?: string[],
): PlanContext {
  return {
    hypothesis: h,
    scenario,
    facts: referenceFacts([{ file: "evidence/p/runs/R1/dumps/ref.jsonl", dump: ref }], scenario),
    registered: registered ?? ["Reader", "Writer"],
  };
}
