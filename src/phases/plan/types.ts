import type { HypothesisParameters, Predicate } from "../../formats/hypothesis-parameters.ts";
import type { HypothesisType, Severity } from "../../formats/records.ts";
import type { SurfaceMap } from "../../formats/surface-map.ts";
import type { Scenario } from "../../formats/workflow.ts";
import type { ReferenceFacts } from "../../hypotheses/index.ts";

/** One base scenario with what its reference run showed. */
export interface ReferenceView {
  /** Scenario file, relative to the workspace. */
  file: string;
  scenario: Scenario;
  facts: ReferenceFacts;
}

export interface PlannerInput {
  map: SurfaceMap;
  references: ReferenceView[];
  /** Hypothesis types the project's engine can run (absent: every type). */
  runnable?: ReadonlySet<HypothesisType>;
}

/** A hypothesis the offline planner proposes, before it becomes a record. */
export interface Proposal {
  /** Stable identity: a re-run of the planner proposes the same key and is deduplicated against records. */
  key: string;
  rule: RuleName;
  type: HypothesisType;
  claim: string;
  controllers: string[];
  kinds: string[];
  scenario: string;
  scenarioName: string;
  parameters?: HypothesisParameters;
  predicates?: Predicate[];
  /** Higher runs first. */
  score: number;
  /** Severity to file if the evidence confirms it (judged from the pattern). */
  severity: Severity;
  /** One candidate of a sweep (a staleness window, an input's depth): the planner caps each family. */
  sweep?: SweepSlot;
}

/** Where a proposal sits in its sweep: `family` names the target (a reader's kind, an input), rank 0 first. */
export interface SweepSlot {
  dimension: "staleness" | "user-action-timing";
  family: string;
  rank: number;
  /** The candidate as the coverage lists it: `[staleAt, catchUpAt)` or `depth d`. */
  label: string;
}

export const RULE_NAMES = [
  "crash-after-each-write",
  "co-pending-writers",
  "racing-many",
  "stale-read-without-watch",
  "stale-own-write",
  "stale-shared-write",
  "user-action-timing",
  "cycling",
] as const;
export type RuleName = (typeof RULE_NAMES)[number];

/** A planner rule: facts in, proposals out. Rules never look at each other's output. */
export type PlannerRule = (input: PlannerInput, ref: ReferenceView) => Proposal[];
