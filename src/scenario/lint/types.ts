import { z } from "zod";
import type { Issue } from "../../errors/index.ts";
import type { Scenario } from "../../formats/workflow.ts";

/** Semantic checks of workflow files: the vocabulary shared by the rules, the runner and the CLI. */

export const CheckRule = z.enum([
  "kind-not-canonical",
  "ready-depth-index",
  "ready-depth-beyond-max-depth",
  "unregistered-controller",
  "stale-kind-not-read",
  "update-carries-status",
  "action-target-missing",
  "action-waits-for-convergence",
  "duplicate-action-id",
  "legacy-staleness",
  "permute-depth-range",
  "permute-filter-without-controllers",
  "interval-depth-gates",
  "restart-needs-embedded-engine",
  "misspelled-field",
]);
export type CheckRule = z.infer<typeof CheckRule>;

/** `schema` marks a file that did not validate; its issues come from the schema, not from a check. */
export type LintRule = CheckRule | "schema";

export type Severity = "error" | "warning";

export interface LintIssue extends Issue {
  rule: LintRule;
  severity: Severity;
}

/** What the project says about its controllers (from project.ts, or the surface map as a fallback). */
export const ControllerFacts = z.object({
  project: z.string(),
  source: z.enum(["project.ts", "surface-map.json"]),
  controllers: z.array(
    z.object({
      id: z.string(),
      /** Canonical kinds the controller reads (for, owns, watches, reads); absent when unknown. */
      kinds: z.array(z.string()).optional(),
    }),
  ),
});
export type ControllerFacts = z.infer<typeof ControllerFacts>;

export interface LintContext {
  controllers?: ControllerFacts;
  /** The engine that runs the project's scenarios, when the project is known. */
  engine?: "embedded" | "kamera";
}

/** One problem a rule found in one scenario; the runner adds file, rule and default severity. */
export interface Finding {
  path: (string | number)[];
  message: string;
  severity?: Severity;
}

export type ScenarioCheck = (s: Scenario, index: number, ctx: LintContext) => Finding[];

export interface RuleDefinition {
  severity: Severity;
  /** One line for `scenario lint --rules` and the docs. */
  summary: string;
  check: ScenarioCheck;
}
