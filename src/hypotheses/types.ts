import type { Issue } from "../errors/index.ts";
import type { Dimension, Hypothesis, HypothesisType } from "../formats/records.ts";
import type { Scenario, Tuning } from "../formats/workflow.ts";
import type { ReferenceFacts } from "./reference-facts.ts";

/** The pre-flight checklist of Phase J, one id per question. */
export type PreflightCheckId =
  | "targets"
  | "controllers-permuted"
  | "controllers-registered"
  | "controllers-triggered"
  | "user-action-fires"
  | "staleness-window"
  | "depth-sufficient"
  | "crash-window"
  | "event-occurs"
  | "depth-band"
  | "engine-supports";

/** A preflight problem; `blocking` means tuning cannot fix it (a code or scenario change is needed first). */
export interface PreflightIssue extends Issue {
  check: PreflightCheckId;
  blocking?: boolean;
}

/** Evidence that can settle a hypothesis (see judge.ts). */
export type EvidenceKind = "invariant" | "divergence" | "error" | "predicate" | "cycling";

/** A tuning patch: only the keys a perturbation sets; merged into the base tuning by mergeTuning. */
export type TuningPatch = Partial<Tuning>;

/** What calibration and preflight know about the world. Pure data, assembled at the I/O edge. */
export interface PlanContext {
  hypothesis: Hypothesis;
  /** The base scenario (never modified). */
  scenario: Scenario;
  facts: ReferenceFacts;
  /** Reconciler IDs registered in the project; undefined when they cannot be known. */
  registered?: string[];
  /** Kinds each controller depends on (for, owns, watches, reads); undefined when unknown. */
  dependencies?: Record<string, string[]>;
  /** The engine that will run the variant (what it can model: only the embedded engine restarts a manager). */
  engine?: "embedded" | "kamera";
  /** Hypothesis types the project's engine can run; undefined: every type. */
  runnable?: readonly HypothesisType[];
}

export interface Calibration {
  patch: TuningPatch;
  /** One line per calibrated value: what was chosen and why. */
  notes: string[];
  /** Calibration failures (usually blocking: the reference gives nothing to calibrate from). */
  issues: PreflightIssue[];
}

/**
 * One row of the Phase J classification table. Shared code reads these facts and never asks which type it has.
 */
export interface PerturbationBuilder {
  /** Finding dimension this perturbation explores. */
  dimension: Dimension;
  /** The table's "hypothesis type" wording. */
  describe: string;
  /** False: no tuning changes; the base scenario is explored as written and judged from its metrics. */
  perturbs: boolean;
  /** Targets the claim must name. */
  needs: { controllers: number; kinds: number };
  /** Preflight questions that apply. */
  checks: PreflightCheckId[];
  /** Evidence that can confirm it, in the order it is looked for. */
  confirmedBy: EvidenceKind[];
  calibrate(ctx: PlanContext): Calibration;
}
