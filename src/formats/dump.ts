import { z } from "zod";

/**
 * kamera exploration dumps (`*.jsonl`, one indented JSON document per file), in the canonical spelling the
 * embedded engine writes (kamera-formats §2). Readers normalise kamera's casing variants to this shape first
 * (src/analysis/dump-normalize.ts), so every consumer sees one type. Loose objects: unknown fields survive.
 */

export const VersionHash = z.looseObject({
  Value: z.string(),
  Strategy: z.string().default("default"),
});
export type VersionHash = z.infer<typeof VersionHash>;

/** Object identity. The core group is the empty string (omitted). */
export const CompositeKey = z.looseObject({
  identityGroup: z.string().optional(),
  identityKind: z.string().optional(),
  objectId: z.string().optional(),
  resourceGroup: z.string().optional(),
  resourceKind: z.string().optional(),
  namespace: z.string().optional(),
  name: z.string().optional(),
});
export type CompositeKey = z.infer<typeof CompositeKey>;

export const DumpObjectVersion = z.looseObject({ key: CompositeKey, hash: VersionHash });
export type DumpObjectVersion = z.infer<typeof DumpObjectVersion>;

export const PendingSource = z.enum([
  "State Change",
  "Async Enqueue",
  "Requeue",
  "Requeue After",
  "Stable Requeue After",
  "Recovery",
]);
export type PendingSource = z.infer<typeof PendingSource>;

export const DumpPendingReconcile = z.looseObject({
  reconcilerId: z.string(),
  namespace: z.string().default(""),
  name: z.string().default(""),
  source: z.string(),
});
export type DumpPendingReconcile = z.infer<typeof DumpPendingReconcile>;

export const Effect = z.looseObject({
  OpType: z.string(),
  Key: CompositeKey,
  Version: VersionHash.optional(),
  resourceVersion: z.number().optional(),
  subresource: z.string().optional(),
  Precondition: z.unknown().optional(),
});
export type Effect = z.infer<typeof Effect>;

export const StaleReadInfo = z.looseObject({
  Key: z.string(),
  ObservedRV: z.number(),
  CurrentRV: z.number(),
  Lag: z.number(),
});
export type StaleReadInfo = z.infer<typeof StaleReadInfo>;

export const KindSequences = z.record(z.string(), z.number());
export type KindSequences = z.infer<typeof KindSequences>;

/** One step of a path (`states[i].paths[j][k]`). */
export const DumpStep = z.looseObject({
  controllerId: z.string(),
  contentsHashAfter: z.string().optional(),
  frameId: z.string().default(""),
  frameType: z.string().default("explore"),
  stepMetadata: z.record(z.string(), z.string()).optional(),
  changes: z
    .looseObject({
      objectVersions: z.array(DumpObjectVersion).nullish(),
      effects: z.array(Effect).nullish(),
      observations: z.array(Effect).nullish(),
    })
    .default({ objectVersions: null, effects: [] }),
  error: z.string().optional(),
  deltas: z.array(z.unknown()).optional(),
  stateBefore: z.array(DumpObjectVersion).optional(),
  stateAfter: z.array(DumpObjectVersion).optional(),
  kindSeqBefore: KindSequences.optional(),
  kindSeqAfter: KindSequences.optional(),
  pendingReconciles: z.array(DumpPendingReconcile).optional(),
  stalenessInfo: z.array(StaleReadInfo).optional(),
});
export type DumpStep = z.infer<typeof DumpStep>;

export const DumpResultState = z.looseObject({
  id: z.string(),
  error: z.string().optional(),
  divergencePoint: z.string().default(""),
  state: z.looseObject({
    contents: z.looseObject({
      objects: z.array(DumpObjectVersion).nullish(),
      kindSequences: KindSequences.nullish(),
      pendingReconciles: z.array(DumpPendingReconcile).optional(),
    }),
  }),
  paths: z.array(z.array(DumpStep).nullable()).nullish(),
});
export type DumpResultState = z.infer<typeof DumpResultState>;

export const CampaignMetrics = z.looseObject({
  uniqueNodeVisits: z.number().optional(),
  totalNodeVisits: z.number().optional(),
  uniqueResourceStates: z.number().optional(),
  durationNs: z.number().optional(),
});
export type CampaignMetrics = z.infer<typeof CampaignMetrics>;

export const DumpContext = z.looseObject({
  scenario: z
    .looseObject({
      name: z.string().optional(),
      runIndex: z.number().optional(),
      workflow: z.string().optional(),
      inputRef: z.string().optional(),
      attributes: z.record(z.string(), z.string()).optional(),
    })
    .optional(),
});

export const Dump = z.looseObject({
  context: DumpContext.optional(),
  stats: z.record(z.string(), z.unknown()).optional(),
  campaignMetrics: CampaignMetrics.optional(),
  objects: z.array(z.looseObject({ hash: VersionHash, object: z.record(z.string(), z.unknown()) })).nullish(),
  states: z.array(DumpResultState).nullish(),
});
export type Dump = z.infer<typeof Dump>;

/** Canonical kind of a key: `group/Kind` with `core` for the core group. */
export function keyKind(key: CompositeKey): string {
  const kind = key.resourceKind ?? key.identityKind ?? "";
  const group = key.resourceGroup ?? key.identityGroup ?? "";
  return `${group === "" ? "core" : group}/${kind}`;
}

/** `group/Kind/namespace/name` — the string form used in stalenessInfo and reports. */
export function keyString(key: CompositeKey): string {
  return `${keyKind(key)}/${key.namespace ?? ""}/${key.name ?? ""}`;
}
