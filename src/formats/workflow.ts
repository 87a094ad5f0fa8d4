import { z } from "zod";

/**
 * kamera workflow (scenario input) files: a top-level JSON array of scenarios.
 * Every object schema is loose, so fields this version does not know survive read → write.
 * Generations: G1 (`userInputs[].type`) and G2 (`externalInputs[].opType`) are both accepted; writers emit G2.
 */

const k8sMetadata = z.looseObject({
  name: z.string().optional(),
  namespace: z.string().optional(),
  resourceVersion: z.string().optional(),
});

/** A Kubernetes object as unstructured JSON; apiVersion and kind are required by kamera's loader. */
export const KubeObject = z
  .looseObject({
    apiVersion: z.string().trim().min(1, "apiVersion must be a non-empty string"),
    kind: z.string().trim().min(1, "kind must be a non-empty string"),
    metadata: k8sMetadata.optional(),
  })
  .describe("A Kubernetes object (unstructured): apiVersion, kind, metadata, spec, status …");
export type KubeObject = z.infer<typeof KubeObject>;

export const OpType = z.enum(["CREATE", "UPDATE", "DELETE"]).describe("External input operation");
export type OpType = z.infer<typeof OpType>;

export const ExternalInput = z
  .looseObject({
    id: z.string().optional().describe("Human label; blank becomes user-input-<index>"),
    opType: OpType,
    source: z.enum(["UserAction", "EnvironmentEvent"]).optional(),
    object: KubeObject,
  })
  .describe(
    "G2 external input: an action injected during exploration, run as the `External User` controller",
  );
export type ExternalInput = z.infer<typeof ExternalInput>;

/** G1 spelling of an external input (`type` instead of `opType`). */
export const LegacyUserInput = z.looseObject({
  id: z.string().optional(),
  type: OpType,
  source: z.enum(["UserAction", "EnvironmentEvent"]).optional(),
  object: KubeObject,
});
export type LegacyUserInput = z.infer<typeof LegacyUserInput>;

const int = z.number().int();
const canonicalKind = z
  .string()
  .min(1)
  .describe("Canonical kind `group/Kind`, no version; core group is `core`");

export const StalenessInterval = z
  .looseObject({
    reconciler: z.string().min(1),
    kind: canonicalKind,
    staleAt: int.describe("KindSequence value at which the window opens"),
    catchUpAt: int.describe("KindSequence value at which the view snaps back to current"),
    lag: int.describe("-1 = frozen at staleAt (or freezeAt); N>0 = trails the frontier by N"),
    freezeAt: int.optional().describe("Sequence the frozen view is pinned to"),
    activateAtDepth: int.optional(),
    deactivateAtDepth: int.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.catchUpAt <= v.staleAt) {
      ctx.addIssue({
        code: "custom",
        path: ["catchUpAt"],
        message: `catchUpAt (${v.catchUpAt}) must be greater than staleAt (${v.staleAt})`,
      });
    }
    if (v.lag !== -1 && v.lag <= 0) {
      ctx.addIssue({
        code: "custom",
        path: ["lag"],
        message: `lag (${v.lag}) must be -1 (frozen) or a positive number`,
      });
    }
  });
export type StalenessInterval = z.infer<typeof StalenessInterval>;

export const FaultInjection = z
  .looseObject({
    reconciler: z.string().min(1),
    crashAfterEffect: int.min(0).describe("The Nth write is applied; the (N+1)th crashes the reconcile"),
    recoverAtDepth: int.optional(),
    triggerOnce: z.boolean().optional().describe("Crash at most once per branch"),
    triggerAfterDepth: int.optional().describe("Crash armed only at/after this depth"),
  })
  .describe("Mid-reconcile crash injection");
export type FaultInjection = z.infer<typeof FaultInjection>;

export const MonteCarlo = z.looseObject({
  seed: int.optional(),
  trials: int.min(1, "trials must be ≥ 1").optional(),
  trialIndex: int.min(0, "trialIndex must be ≥ 0").optional(),
  scenarioGroup: z.string().optional(),
});

export const SearchTuning = z.looseObject({
  mode: z
    .string()
    .optional()
    .refine((m) => m === undefined || ["", "dfs", "monte_carlo"].includes(m.trim().toLowerCase()), {
      message: 'search.mode must be "dfs", "monte_carlo" or ""',
    }),
  monteCarlo: MonteCarlo.nullish(),
});

export const Tuning = z
  .looseObject({
    maxDepth: int.nullish(),
    permuteControllers: z.array(z.string()).nullish(),
    permuteDepthRange: z.looseObject({ min: int, max: int }).nullish(),
    permuteAfterEvent: z.looseObject({ opType: z.string().min(1), kind: canonicalKind }).nullish(),
    staleReads: z.record(z.string(), z.array(z.string()).nullable()).nullish(),
    staleLookback: z.record(z.string(), int).nullish(),
    userActionReadyDepths: z.record(z.string(), int).nullish(),
    stalenessIntervals: z.array(StalenessInterval).nullish(),
    faultInjection: z.array(FaultInjection).nullish(),
    search: SearchTuning.nullish(),
  })
  .describe("Exploration and perturbation knobs");
export type Tuning = z.infer<typeof Tuning>;

export const Scenario = z
  .looseObject({
    name: z.string().trim().min(1, "name must be a non-blank string"),
    environmentState: z.looseObject({ objects: z.array(KubeObject).nullish() }).nullish(),
    externalInputs: z.array(ExternalInput).nullish(),
    userInputs: z.array(LegacyUserInput).nullish(),
    tuning: Tuning.nullish(),
  })
  .superRefine((s, ctx) => {
    const objects = s.environmentState?.objects ?? [];
    const actions = (s.externalInputs ?? []).length + (s.userInputs ?? []).length;
    if (objects.length === 0 && actions === 0) {
      ctx.addIssue({
        code: "custom",
        path: [],
        message: "scenario needs at least one environmentState.objects entry or externalInputs entry",
      });
    }
  })
  .describe("One kamera scenario (Go type coverage.Input)");
export type Scenario = z.infer<typeof Scenario>;

export const WorkflowFile = z
  .array(Scenario)
  .min(1, "inputs file contains no scenarios")
  .superRefine((arr, ctx) => {
    const seen = new Map<string, number>();
    arr.forEach((s, i) => {
      const prev = seen.get(s.name);
      if (prev !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: [i, "name"],
          message: `duplicate scenario name "${s.name}" (also [${prev}])`,
        });
      } else seen.set(s.name, i);
    });
  })
  .describe("kamera --inputs file: a JSON array of scenarios");
export type WorkflowFile = z.infer<typeof WorkflowFile>;

/** The schema generation a scenario is written in. */
export function scenarioGeneration(s: Scenario): "G1" | "G2" {
  return (s.userInputs?.length ?? 0) > 0 && (s.externalInputs?.length ?? 0) === 0 ? "G1" : "G2";
}

/** External inputs of either generation, as G2 objects (resolved stage: what the engine receives). */
export function actionsOf(s: Scenario): ExternalInput[] {
  if ((s.externalInputs?.length ?? 0) > 0) return s.externalInputs ?? [];
  return (s.userInputs ?? []).map(({ type, ...rest }) => ({ ...rest, opType: type }));
}
