import {
  actionTargetMissing,
  actionWaitsForConvergence,
  duplicateActionId,
  readyDepthBeyondMaxDepth,
  readyDepthIndex,
  updateCarriesStatus,
} from "./rules-actions.ts";
import { staleKindNotRead, unregisteredController } from "./rules-controllers.ts";
import { misspelledField } from "./rules-fields.ts";
import { kindNotCanonical } from "./rules-kinds.ts";
import {
  intervalDepthGates,
  legacyStaleness,
  permuteDepthRange,
  permuteFilterWithoutControllers,
  restartNeedsEmbeddedEngine,
} from "./rules-tuning.ts";
import type { CheckRule, RuleDefinition } from "./types.ts";

/** Every lint rule, keyed by its name: a rule added to CheckRule without an entry here fails to compile. */
export const LINT_RULES: Record<CheckRule, RuleDefinition> = {
  "kind-not-canonical": {
    severity: "error",
    summary: 'tuning kinds are canonical "group/Kind" with no version ("core/Pod", not "v1/Pod")',
    check: kindNotCanonical,
  },
  "ready-depth-index": {
    severity: "error",
    summary: "userActionReadyDepths keys are decimal indexes of existing external inputs",
    check: readyDepthIndex,
  },
  "ready-depth-beyond-max-depth": {
    severity: "warning",
    summary: "an input's ready depth is within maxDepth",
    check: readyDepthBeyondMaxDepth,
  },
  "unregistered-controller": {
    severity: "error",
    summary: "permuted, stale and crashed reconciler IDs are registered controllers of the project",
    check: unregisteredController,
  },
  "stale-kind-not-read": {
    severity: "warning",
    summary: "a staleness window's kind is one its reconciler reads (for/owns/watches/reads)",
    check: staleKindNotRead,
  },
  "update-carries-status": {
    severity: "error",
    summary: "UPDATE actions from users carry no status (spec-only updates)",
    check: updateCarriesStatus,
  },
  "action-target-missing": {
    severity: "error",
    summary: "UPDATE and DELETE actions name their target (metadata.name)",
    check: actionTargetMissing,
  },
  "action-waits-for-convergence": {
    severity: "warning",
    summary: "with permutation on, inputs without a ready depth fire only at convergence",
    check: actionWaitsForConvergence,
  },
  "duplicate-action-id": {
    severity: "warning",
    summary: "external input ids are unique",
    check: duplicateActionId,
  },
  "legacy-staleness": {
    severity: "warning",
    summary: "staleReads/staleLookback are deprecated (and ignored when stalenessIntervals is set)",
    check: legacyStaleness,
  },
  "permute-depth-range": {
    severity: "error",
    summary: "permuteDepthRange has min ≤ max and starts within maxDepth",
    check: permuteDepthRange,
  },
  "permute-filter-without-controllers": {
    severity: "warning",
    summary: "permuteAfterEvent/permuteDepthRange come with permuteControllers",
    check: permuteFilterWithoutControllers,
  },
  "interval-depth-gates": {
    severity: "error",
    summary: "a staleness interval's deactivateAtDepth is after its activateAtDepth",
    check: intervalDepthGates,
  },
  "restart-needs-embedded-engine": {
    severity: "warning",
    summary: "faultInjection restartManager (a ctrlhunt extension) is honoured by the embedded engine only",
    check: restartNeedsEmbeddedEngine,
  },
  "misspelled-field": {
    severity: "warning",
    summary: "unknown fields that are near misses of known ones (typos kamera ignores)",
    check: misspelledField,
  },
};
