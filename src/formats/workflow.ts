import { z } from "zod";

/**
 * kamera workflow (scenario input) files: a top-level JSON array of scenarios (kamera-formats §1).
 * Stage "as written": every object schema is loose and no schema transforms a value, so a validated file is the
 * parsed JSON itself — unknown fields and key order survive read → write (src/formats/workflow-io.ts).
 * Generations: G1 (`userInputs[].type`) and G2 (`externalInputs[].opType`) are both accepted; writers emit G2.
 * Refinements guard on types because zod runs them even when a sibling field already failed.
 */

const nonBlank = (what: string) =>
  z.string().refine((s) => s.trim() !== "", { message: `${what} must be a non-blank string` });

const k8sMetadata = z
  .looseObject({
    name: z.string().optional().describe("Object name; identifies the target of UPDATE/DELETE"),
    namespace: z.string().optional(),
    resourceVersion: z
      .string()
      .optional()
      .describe("Explicit RV on UPDATE models a stale user write; omit for read-modify-write"),
  })
  .describe("Kubernetes object metadata");

/** A Kubernetes object as unstructured JSON; apiVersion and kind are required by kamera's loader. */
export const KubeObject = z
  .looseObject({
    apiVersion: nonBlank("apiVersion").describe('API version, e.g. "v1" or "apps/v1"'),
    kind: nonBlank("kind").describe('Kind, e.g. "Pod"'),
    metadata: k8sMetadata.optional(),
  })
  .describe("A Kubernetes object (unstructured): apiVersion, kind, metadata, spec, status …");
export type KubeObject = z.infer<typeof KubeObject>;

export const OpType = z.enum(["CREATE", "UPDATE", "DELETE"]).describe("External input operation");
export type OpType = z.infer<typeof OpType>;

export const InputSource = z
  .enum(["UserAction", "EnvironmentEvent"])
  .describe("Informational tag: operator action or infrastructure event");
export type InputSource = z.infer<typeof InputSource>;

export const ExternalInput = z
  .looseObject({
    id: z.string().optional().describe("Human label; blank becomes user-input-<index>"),
    opType: OpType,
    source: InputSource.optional(),
    object: KubeObject.describe("The object to create / update / mark for deletion"),
  })
  .describe(
    "G2 external input: an action injected during exploration, run as the `External User` controller",
  );
export type ExternalInput = z.infer<typeof ExternalInput>;

/** G1 spelling of an external input (`type` instead of `opType`). */
export const LegacyUserInput = z
  .looseObject({
    id: z.string().optional(),
    type: OpType.describe("G1 name of opType"),
    source: InputSource.optional(),
    object: KubeObject,
  })
  .describe("G1 user input (deprecated spelling; `ctrlhunt scenario migrate` rewrites it to externalInputs)");
export type LegacyUserInput = z.infer<typeof LegacyUserInput>;

const int = z.number().int();
const canonicalKind = nonBlank("kind").describe(
  'Canonical kind "group/Kind" with no version; the core group is "core" (e.g. "core/Pod", "apps/Deployment")',
);
const reconcilerId = nonBlank("reconciler").describe("Reconciler ID exactly as the harness registers it");

export const StalenessInterval = z
  .looseObject({
    reconciler: reconcilerId,
    kind: canonicalKind,
    staleAt: int.describe("KindSequence value at which the window opens"),
    catchUpAt: int.describe("KindSequence value at which the view snaps back to current"),
    lag: int.describe("-1 = frozen at staleAt (or freezeAt); N>0 = trails the frontier by N"),
    freezeAt: int.optional().describe("Sequence the frozen view is pinned to"),
    activateAtDepth: int.optional().describe("Depth gate for activation"),
    deactivateAtDepth: int.optional().describe("Depth gate for deactivation"),
  })
  .superRefine((v, ctx) => {
    const nums = typeof v.staleAt === "number" && typeof v.catchUpAt === "number";
    if (nums && v.catchUpAt <= v.staleAt) {
      ctx.addIssue({
        code: "custom",
        path: ["catchUpAt"],
        message: `catchUpAt (${v.catchUpAt}) must be greater than staleAt (${v.staleAt})`,
      });
    }
    if (typeof v.lag === "number" && v.lag !== -1 && v.lag <= 0) {
      ctx.addIssue({
        code: "custom",
        path: ["lag"],
        message: `lag (${v.lag}) must be -1 (frozen) or a positive number`,
      });
    }
  })
  .describe(
    "Deterministic staleness window: reconciler sees kind stale while staleAt ≤ frontier < catchUpAt",
  );
export type StalenessInterval = z.infer<typeof StalenessInterval>;

/** ctrlhunt extension (not read by kamera): when the crashed controller manager restarts. */
export const RestartManager = z
  .union([
    z.literal("quiescence").describe("Restart once the branch has nothing else ready"),
    z
      .looseObject({ atDepth: int.min(0).describe("Depth at which the manager restarts") })
      .describe("Restart at this depth, or at quiescence if the branch quiesces earlier"),
  ])
  .describe(
    "ctrlhunt extension (kamera ignores it): after the crash, restart the controller manager — every controller " +
      "is enqueued (source Recovery) for every live object its informers list (for, owns, watches), views are " +
      "fresh for the rest of the branch, every controller's onCrash runs and this fault is disarmed. The " +
      'branch cannot converge before the restart. "quiescence" or {"atDepth": n}',
  );
export type RestartManager = z.infer<typeof RestartManager>;

export const FaultInjection = z
  .looseObject({
    reconciler: reconcilerId,
    crashAfterEffect: int.min(0).describe("The Nth write is applied; the (N+1)th crashes the reconcile"),
    recoverAtDepth: int
      .optional()
      .describe("Depth at which the crashed reconciler is re-run (unverified in kamera)"),
    triggerOnce: z.boolean().optional().describe("Crash at most once per branch"),
    triggerAfterDepth: int.optional().describe("Crash armed only at/after this depth"),
    restartManager: RestartManager.optional(),
  })
  .describe("Mid-reconcile crash injection");
export type FaultInjection = z.infer<typeof FaultInjection>;

export const MonteCarlo = z
  .looseObject({
    seed: int.optional().describe("Base seed"),
    trials: int.min(1).optional().describe("Trials per scenario (≥ 1)"),
    trialIndex: int.min(0).optional().describe("Normally injected per child process (≥ 0)"),
    scenarioGroup: z.string().optional().describe("Grouping key; default <name>#<index>"),
  })
  .describe("Monte Carlo settings; setting any field forces monte_carlo mode");
export type MonteCarlo = z.infer<typeof MonteCarlo>;

/** Search modes kamera accepts after trimming and lower-casing ("" = dfs). */
export const SEARCH_MODES = ["", "dfs", "monte_carlo"] as const;

export const SearchTuning = z
  .looseObject({
    mode: z
      .string()
      .optional()
      .refine(
        (m) => m === undefined || (SEARCH_MODES as readonly string[]).includes(m.trim().toLowerCase()),
        {
          message: 'search.mode must be "dfs", "monte_carlo" or ""',
        },
      )
      .describe('"dfs" (default, also "") or "monte_carlo"'),
    monteCarlo: MonteCarlo.nullish(),
  })
  .describe("Search strategy");
export type SearchTuning = z.infer<typeof SearchTuning>;

export const Tuning = z
  .looseObject({
    maxDepth: int.nullish().describe("Abort a branch beyond this depth; applied only if > 0 (default 10)"),
    permuteControllers: z
      .array(reconcilerId)
      .nullish()
      .describe("Reconciler IDs whose pending reconciles may be moved to the front (ordering permutation)"),
    permuteDepthRange: z
      .looseObject({ min: int, max: int })
      .nullish()
      .describe("Permute only at states with min ≤ depth ≤ max"),
    permuteAfterEvent: z
      .looseObject({ opType: nonBlank("opType"), kind: canonicalKind })
      .nullish()
      .describe("Permute only after a step produced an effect with this op type and canonical kind"),
    staleReads: z
      .record(z.string(), z.array(z.string()).nullable())
      .nullish()
      .describe(
        "Deprecated: reconciler → canonical kinds it may read stale (ignored when stalenessIntervals is set)",
      ),
    staleLookback: z
      .record(z.string(), int)
      .nullish()
      .describe("Deprecated: canonical kind → number of past versions considered (≤ 0 becomes 1)"),
    userActionReadyDepths: z
      .record(z.string(), int)
      .nullish()
      .describe('Action index as a decimal string ("0") → depth at which that external input becomes ready'),
    stalenessIntervals: z.array(StalenessInterval).nullish(),
    faultInjection: z.array(FaultInjection).nullish(),
    search: SearchTuning.nullish(),
    skipOwnNoOpOrderings: z
      .boolean()
      .nullish()
      .describe(
        "ctrlhunt extension (kamera ignores it): no ordering variant moves forward a reconcile known to do nothing while its own object is unchanged — a heuristic that cuts ordering searches several-fold and can miss an outcome (engine README)",
      ),
    fifoPerController: z
      .boolean()
      .nullish()
      .describe(
        "ctrlhunt extension (kamera ignores it): an ordering variant moves forward only a permuted controller's first ready reconcile — each controller's own queue stays first in, first out (as controller-runtime's work queue) and only the controllers' queues interleave",
      ),
  })
  .describe("Exploration and perturbation knobs");
export type Tuning = z.infer<typeof Tuning>;

export const EnvironmentState = z
  .looseObject({
    objects: z.array(KubeObject).nullish().describe("Objects seeded into the initial state"),
  })
  .describe("Pre-existing cluster state");

export const Scenario = z
  .looseObject({
    name: nonBlank("name").describe(
      'Scenario name, unique in the file; convention "<id>/<descriptive-name>"',
    ),
    environmentState: EnvironmentState.nullish(),
    externalInputs: z
      .array(ExternalInput)
      .nullish()
      .describe("Actions injected during exploration, in order"),
    userInputs: z.array(LegacyUserInput).nullish().describe("G1 spelling of externalInputs (deprecated)"),
    tuning: Tuning.nullish(),
  })
  .superRefine((s, ctx) => {
    const len = (v: unknown) => (Array.isArray(v) ? v.length : 0);
    const objects = len(s.environmentState?.objects);
    if (objects === 0 && len(s.externalInputs) + len(s.userInputs) === 0) {
      ctx.addIssue({
        code: "custom",
        path: [],
        message: "scenario needs at least one environmentState.objects entry or externalInputs entry",
      });
    }
  })
  .describe("One kamera scenario (Go type coverage.Input)");
export type Scenario = z.infer<typeof Scenario>;

/** Scenario names must be unique in a file (they name dumps); works on unvalidated data too. */
export function duplicateNameIssues(arr: unknown[]): { path: (string | number)[]; message: string }[] {
  const seen = new Map<string, number>();
  const out: { path: (string | number)[]; message: string }[] = [];
  arr.forEach((s, i) => {
    const name = (s as { name?: unknown } | null)?.name;
    if (typeof name !== "string") return;
    const prev = seen.get(name);
    if (prev === undefined) seen.set(name, i);
    else out.push({ path: [i, "name"], message: `duplicate scenario name "${name}" (also [${prev}])` });
  });
  return out;
}

/**
 * The whole file. zod skips this array-level refinement once any element failed, so workflow-io.ts runs
 * duplicateNameIssues itself and a user sees every problem in one pass.
 */
export const WorkflowFile = z
  .array(Scenario)
  .min(1, "inputs file contains no scenarios")
  .superRefine((arr, ctx) => {
    for (const i of duplicateNameIssues(arr)) ctx.addIssue({ code: "custom", ...i });
  })
  .describe("kamera --inputs file: a JSON array of scenarios");
export type WorkflowFile = z.infer<typeof WorkflowFile>;

/** The schema generation a scenario is written in. */
export function scenarioGeneration(s: Scenario): "G1" | "G2" {
  return (s.userInputs?.length ?? 0) > 0 && (s.externalInputs?.length ?? 0) === 0 ? "G1" : "G2";
}

/** External inputs of either generation, as G2 objects (what a G1-aware loader sees). */
export function actionsOf(s: Scenario): ExternalInput[] {
  if ((s.externalInputs?.length ?? 0) > 0) return s.externalInputs ?? [];
  return (s.userInputs ?? []).map(({ type, ...rest }) => ({ ...rest, opType: type }));
}
