import type { Citation } from "../../formats/citation.ts";
import type { Dump } from "../../formats/dump.ts";
import type { StalenessInterval } from "../../formats/workflow.ts";
import type { HitRate, Hypothesis, Symptom } from "../../formats/records.ts";
import type { EvidenceKind } from "../types.ts";
import type { JudgeChecks } from "./checks.ts";
import type { Difference } from "./differences.ts";

/** A parsed dump and the id citations use for it (workspace-relative file, `#line` inside JSON Lines). */
export interface LoadedDump {
  id: string;
  dump: Dump;
}

export interface JudgeInput {
  hypothesis: Hypothesis;
  /** Evidence that can confirm this hypothesis type, in the order it is looked for. */
  confirmedBy: readonly EvidenceKind[];
  /** Dumps of the exploration run of the variant (or of the base scenario when nothing is perturbed). */
  exploration: readonly LoadedDump[];
  /** Dumps of the reference run the plan was calibrated from: what "normally happens". */
  baseline: readonly LoadedDump[];
  /** How the exploration run ended (a timeout leaves a partial result). */
  run: { status: "ok" | "partial" | "failed"; error?: string };
  /** The project's invariants and masks (default: built-in invariants and the default masks). */
  checks: JudgeChecks;
  /** Staleness windows of the explored variant: states that end with one still open are not evidence. */
  intervals?: readonly StalenessInterval[];
}

/** Evidence found in the dumps; every citation points at a step or terminal state that shows it. */
export interface Evidence {
  kind: EvidenceKind;
  citations: Citation[];
  reason: string;
  hitRate: HitRate;
  symptom: Symptom;
  differences?: Difference[];
}

/** Something seen that is not evidence of a bug (allowed nondeterminism, a crash never restarted): reported, not confirmed. */
export interface Observation {
  reason: string;
  citations: Citation[];
  symptom?: Symptom;
}

export interface Judgement {
  status: "confirmed" | "refuted" | "inconclusive";
  evidence?: EvidenceKind;
  citations: Citation[];
  reason: string;
  hitRate?: HitRate;
  symptom?: Symptom;
  differences?: Difference[];
  observation?: Observation;
}

export type EvidenceFinder = (input: JudgeInput) => Evidence | undefined;
