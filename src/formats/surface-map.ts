import { z } from "zod";

/**
 * projects/<project>/surface-map.json, written by `ctrlhunt map` (workflow Phase A + B): who triggers, reads and
 * writes what, where the crash windows, shared state and stale-read windows are. ANALYSIS.md renders its
 * "Phase 0: Controller Surface Map" section from this file. Loose objects: fields may grow.
 */

/** Canonical kind `group/Kind` (no version; `core` for the core group). */
export const CanonicalKind = z.string().min(1).describe("Canonical kind `group/Kind`, e.g. `core/Pod`");

export const Surface = z.enum(["spec", "status", "metadata", "any"]);
export type Surface = z.infer<typeof Surface>;

/** Write operations in kamera's effect spelling; `Status().Update` is UPDATE on surface status. */
export const WriteOp = z.enum(["CREATE", "UPDATE", "PATCH", "APPLY", "DELETE"]);
export type WriteOp = z.infer<typeof WriteOp>;

export const ReadOp = z.enum(["GET", "LIST"]);
export type ReadOp = z.infer<typeof ReadOp>;

/** Which client a call goes through; absent = the manager's cached client (or an informer lister). */
export const ClientLabel = z
  .enum(["uncached", "remote"])
  .describe(
    "uncached = straight to the API server (APIReader, clientset); remote = another cluster's client",
  );

export const SurfaceWrite = z.looseObject({
  kind: CanonicalKind,
  op: WriteOp,
  surface: Surface,
  count: z.number().int().min(0).describe("call sites (source) or max per reconcile (observed)"),
  conditional: z.boolean().optional().describe("false = unconditional write (BUG SMELL for Update/Status)"),
  via: z.string().optional().describe("helper function the write sits in"),
  client: ClientLabel.optional(),
  location: z.string().optional().describe("file:line"),
});
export type SurfaceWrite = z.infer<typeof SurfaceWrite>;

export const SurfaceRead = z.looseObject({
  kind: CanonicalKind,
  op: ReadOp.optional(),
  via: z.string().optional(),
  client: ClientLabel.optional(),
  location: z.string().optional(),
});
export type SurfaceRead = z.infer<typeof SurfaceRead>;

export const SurfaceWatch = z.looseObject({
  kind: CanonicalKind,
  mapper: z.string().optional().describe("map function turning a changed object into requests"),
});
export type SurfaceWatch = z.infer<typeof SurfaceWatch>;

export const Fidelity = z.enum(["real", "simulation", "stub", "builtin"]);

export const SurfaceController = z.looseObject({
  id: z.string().min(1).describe("registered reconciler ID (tuning.permuteControllers)"),
  aliases: z
    .array(z.string())
    .optional()
    .describe("IDs this controller had in earlier maps; `scenario migrate --surface-map` rewrites them"),
  framework: z
    .string()
    .optional()
    .describe("how it is wired: controller-runtime (builder), client-go (informers + workqueue), kit"),
  source: z.string().describe("file the controller is defined in, relative to the project or repo"),
  fidelity: Fidelity,
  for: CanonicalKind.nullable().describe("primary trigger; null = missing (contract failure)"),
  owns: z.array(CanonicalKind).default([]),
  watches: z.array(SurfaceWatch).default([]),
  reads: z.array(SurfaceRead).default([]),
  writes: z.array(SurfaceWrite).default([]),
  writesPerReconcile: z.number().int().min(0),
  writeOrder: z.array(z.string()).default([]).describe("`OP group/Kind[/surface]` in issue order"),
  registered: z.boolean().default(true).describe("reachable from an entrypoint / registered in the project"),
  sharedState: z.array(z.string()).default([]).describe("names of sharedState entries it touches"),
  hooks: z.array(z.enum(["onCrash", "onFork"])).default([]),
});
export type SurfaceController = z.infer<typeof SurfaceController>;

export const KindRole = z.enum(["user-facing", "supporting", "builtin"]);
export type KindRole = z.infer<typeof KindRole>;

export const SurfaceKind = z.looseObject({
  kind: CanonicalKind,
  role: KindRole,
  gvk: z.string().optional().describe("group/version/Kind when known"),
});
export type SurfaceKind = z.infer<typeof SurfaceKind>;

export const DataFlowLink = z.looseObject({
  kind: CanonicalKind.describe("the kind whose change triggers the controller"),
  controller: z.string(),
  writes: z.array(CanonicalKind),
});

export const DataFlow = z.looseObject({
  links: z.array(DataFlowLink).min(1),
  text: z.string().describe("arrow chain: Kind → Controller ⇒ Kind → …"),
});
export type DataFlow = z.infer<typeof DataFlow>;

export const MultiWrite = z.looseObject({
  controller: z.string(),
  writes: z.number().int().min(2),
  crashWindows: z.number().int().min(1).describe("N writes leave N−1 crash windows"),
  order: z.array(z.string()),
});
export type MultiWrite = z.infer<typeof MultiWrite>;

export const SharedState = z.looseObject({
  name: z.string(),
  origin: z.enum(["package-var", "injected", "declared"]),
  controllers: z.array(z.string()),
  location: z.string().optional(),
  reset: z.string().optional().describe("how it is reset on restart (OnCrash/OnFork), when known"),
});
export type SharedState = z.infer<typeof SharedState>;

export const VulnerabilityWindow = z.looseObject({
  id: z.string().describe("W1, W2, … in map order"),
  reader: z.string(),
  kind: CanonicalKind,
  writers: z.array(z.string()),
  assumption: z.string().describe("what the reader takes for granted (phrased to follow 'assumes')"),
  violation: z.string().describe("the condition that breaks the assumption"),
  why: z.enum(["no watch", "cross-controller read"]),
  location: z.string().optional(),
});
export type VulnerabilityWindow = z.infer<typeof VulnerabilityWindow>;

export const SurfaceIssue = z.looseObject({
  path: z.string(),
  message: z.string(),
  severity: z.enum(["error", "warning"]),
});
export type SurfaceIssue = z.infer<typeof SurfaceIssue>;

export const SurfaceMap = z
  .looseObject({
    project: z.string(),
    source: z.enum(["embedded", "go"]),
    generatedFrom: z
      .array(z.string())
      .default([])
      .describe("definition files, source dirs, reference scenarios"),
    controllers: z.array(SurfaceController),
    kinds: z.array(SurfaceKind),
    dataFlows: z.array(DataFlow).default([]),
    multiWrites: z.array(MultiWrite).default([]),
    sharedState: z.array(SharedState).default([]),
    vulnerabilityWindows: z.array(VulnerabilityWindow).default([]),
    issues: z.array(SurfaceIssue).default([]).describe("dependency-graph contract problems and gaps"),
  })
  .describe("projects/<project>/surface-map.json");
export type SurfaceMap = z.infer<typeof SurfaceMap>;

const CANONICAL = /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?\/[A-Z][A-Za-z0-9]*$/;

/** True for `group/Kind` with no version (`core/Pod`, `apps/Deployment`, `kro.run/Application`). */
export function isCanonicalKind(kind: string): boolean {
  return CANONICAL.test(kind) && !/^v\d+((alpha|beta)\d+)?\//.test(kind);
}
