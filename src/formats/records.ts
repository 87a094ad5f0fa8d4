import { z } from "zod";
import { Citation } from "./citation.ts";
import { HypothesisParameters, Predicate } from "./hypothesis-parameters.ts";

/**
 * Evidence records (contract: other tools read these files). Records are the truth; markdown is rendered
 * from them. Field names may grow; these names and values stay.
 */

export const Severity = z.enum(["P0", "P1", "P2", "P3"]);
export type Severity = z.infer<typeof Severity>;

/** The severity rubric (kamera scenario-exploration skill). */
export const SEVERITY_RUBRIC: Record<Severity, string> = {
  P0: "silent data corruption or a security issue; no error visible to the user",
  P1: "permanent failure that needs manual intervention",
  P2: "transient failure that heals itself but adds latency or churn",
  P3: "cosmetic or efficiency issue",
};

export const FindingStatus = z.enum(["confirmed", "negative", "observation", "retracted", "false-positive"]);
export type FindingStatus = z.infer<typeof FindingStatus>;

export const Dimension = z.enum([
  "ordering",
  "staleness",
  "fault-injection",
  "user-action-timing",
  "monte-carlo",
  "pure-logic",
]);
export type Dimension = z.infer<typeof Dimension>;

/** Text that is not backed by a trace carries this label (verbatim kamera token). */
export const INFERRED_LABEL = "[Inferred from code, not observed in trace]";

export const HitRate = z.object({ k: z.number().int().min(0), n: z.number().int().min(1) });
export type HitRate = z.infer<typeof HitRate>;

/** A finding's object reference: canonical kind, namespace ("" when cluster-scoped), name. */
export const ObjectRefRecord = z.object({ kind: z.string(), namespace: z.string(), name: z.string() });

/** What the evidence showed, machine-readable: which kind of evidence, which invariants, which objects. */
export const Symptom = z.object({
  kind: z.enum(["invariant", "divergence", "error", "predicate", "cycling"]),
  invariants: z.array(z.string()).default([]),
  objects: z.array(ObjectRefRecord).default([]),
});
export type Symptom = z.infer<typeof Symptom>;

export const Finding = z
  .looseObject({
    id: z.string().min(1),
    title: z.string().min(1),
    severity: Severity,
    status: FindingStatus,
    dimensions: z.array(Dimension),
    hitRate: HitRate.optional(),
    citations: z.array(Citation).default([]),
    scenario: z.string(),
    variant: z.string().optional(),
    hypothesis: z.string().optional().describe("ID of the hypothesis this finding came from"),
    summary: z.string().optional(),
    mechanism: z
      .string()
      .optional()
      .describe("Code analysis; rendered under the inferred label unless cited"),
    impact: z.string().optional(),
    fix: z.string().optional(),
    whyNotABug: z.string().optional(),
    symptom: Symptom.optional().describe(
      "what the evidence showed: invariants violated, objects that differ",
    ),
    reproduction: z.string(),
    runs: z.array(z.string()).default([]).describe("run ids that back this finding"),
    baselineHashes: z
      .array(z.string())
      .default([])
      .describe("terminal contents hashes pinned for re-evaluation"),
    retraction: z
      .object({ reason: z.string().min(1), date: z.string(), previousStatus: z.string().optional() })
      .optional()
      .describe("why and when a finding was retracted / found to be a false positive"),
    fixedIn: z
      .object({ date: z.string(), rerun: z.string().optional(), commit: z.string().optional() })
      .optional()
      .describe(
        "a confirmed finding whose re-run no longer reproduces it: when, which re-run section, the target commit; not counted as open",
      ),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .describe("evidence/<project>/findings/<ID>.json");
export type Finding = z.infer<typeof Finding>;

export const HypothesisStatus = z.enum(["unverified", "blocked", "confirmed", "refuted", "inconclusive"]);
export type HypothesisStatus = z.infer<typeof HypothesisStatus>;

/** Hypothesis types of the Phase J classification table. */
export const HypothesisType = z.enum([
  "ordering",
  "ordering-after-event",
  "ordering-depth-band",
  "staleness",
  "user-action-timing",
  "fault-injection",
  "monte-carlo",
  "unconditional-write",
]);
export type HypothesisType = z.infer<typeof HypothesisType>;

export const HypothesisTargets = z.looseObject({
  controllers: z.array(z.string()).default([]),
  kinds: z.array(z.string()).default([]),
});

export const Hypothesis = z
  .looseObject({
    id: z.string().min(1),
    claim: z.string().min(1),
    type: HypothesisType,
    targets: HypothesisTargets,
    status: HypothesisStatus,
    scenario: z.string().optional().describe("base scenario file, relative to the workspace"),
    scenarioName: z.string().optional().describe("scenario `name` inside the file (default: the first)"),
    parameters: HypothesisParameters.optional(),
    predicates: z.array(Predicate).optional().describe("must hold in every terminal state"),
    variants: z.array(z.string()).default([]),
    runs: z.array(z.string()).default([]),
    citations: z.array(Citation).default([]),
    reason: z.string().optional().describe("why inconclusive / blocked / refuted, in words"),
    finding: z.string().optional().describe("finding ID created from this hypothesis"),
    parentFinding: z
      .string()
      .optional()
      .describe("finding whose report raised this hypothesis (rendered under its Unverified hypotheses)"),
    toVerify: z.string().optional().describe("what would need to change to verify it"),
    rank: z.number().optional(),
    source: z.string().optional().describe("who proposed it: planner rule, agent, user"),
    createdAt: z.string().optional(),
    updatedAt: z.string().optional(),
  })
  .describe("hypotheses/<project>/<ID>.yaml");
export type Hypothesis = z.infer<typeof Hypothesis>;

export const RerunVerdict = z.enum([
  "still-reproduces",
  "shifts",
  "no-longer-reproduces",
  "retraction-candidate",
]);
export type RerunVerdict = z.infer<typeof RerunVerdict>;

/** A dated re-run section: appended to ANALYSIS.md, never rewritten. */
export const RerunSection = z
  .looseObject({
    date: z.string(),
    whatChanged: z.string(),
    commits: z.array(z.string()).default([]),
    metricsBefore: z.record(z.string(), z.number()).default({}),
    metricsAfter: z.record(z.string(), z.number()).default({}),
    verdicts: z.array(z.object({ finding: z.string(), verdict: RerunVerdict, note: z.string().optional() })),
  })
  .describe("evidence/<project>/reruns/<date>-<n>.json");
export type RerunSection = z.infer<typeof RerunSection>;

/** evidence/<project>/evidence/<finding-id>/manifest.json: which kept (gzip) file came from which run dump. */
export const EvidenceManifest = z
  .looseObject({
    finding: z.string(),
    files: z.array(
      z.looseObject({
        file: z.string().describe("kept file, relative to the workspace"),
        source: z.string().describe("where the dump was when it was kept, relative to the workspace"),
        sha256: z.string().describe("sha256 of the uncompressed dump"),
        run: z.string().optional(),
      }),
    ),
  })
  .describe("evidence/<project>/evidence/<finding-id>/manifest.json");
export type EvidenceManifest = z.infer<typeof EvidenceManifest>;
