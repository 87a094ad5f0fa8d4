import type { CompositeKey, Dump, DumpResultState, DumpStep } from "../../../src/formats/dump.ts";

/** Small builders for hand-made dumps in the canonical spelling (kamera-formats §2), for pure-core tests. */

export function key(kind: string, name: string, namespace = "default"): CompositeKey {
  const [group, k] = kind.split("/") as [string, string];
  const g = group === "core" ? "" : group;
  return {
    identityGroup: g,
    identityKind: k,
    resourceGroup: g,
    resourceKind: k,
    namespace,
    name,
    objectId: `${name}-uid`,
  };
}

export interface StepSpec {
  controller: string;
  writes?: Array<[op: string, kind: string, name: string]>;
  before?: Record<string, number>;
  after?: Record<string, number>;
  pending?: string[];
  hash?: string;
  error?: string;
  action?: number;
}

export function step(s: StepSpec): DumpStep {
  return {
    controllerId: s.controller,
    contentsHashAfter: s.hash ?? "h0",
    frameId: "",
    frameType: "explore",
    ...(s.action !== undefined
      ? { stepMetadata: { "userAction.index": String(s.action), "userAction.type": "UPDATE" } }
      : {}),
    changes: {
      objectVersions: null,
      effects: (s.writes ?? []).map(([op, kind, name]) => ({
        OpType: op,
        Key: key(kind, name),
        Version: { Value: `${name}-v`, Strategy: "default" },
      })),
    },
    ...(s.error ? { error: s.error } : {}),
    kindSeqBefore: s.before ?? {},
    kindSeqAfter: s.after ?? s.before ?? {},
    pendingReconciles: (s.pending ?? []).map((id) => ({
      reconcilerId: id,
      namespace: "default",
      name: "x",
      source: "State Change",
    })),
  };
}

export interface ObjectSpec {
  kind: string;
  name: string;
  content: Record<string, unknown>;
}

export function state(
  id: string,
  paths: DumpStep[][],
  opts: { error?: string; objects?: ObjectSpec[] } = {},
): DumpResultState {
  return {
    id,
    ...(opts.error ? { error: opts.error } : {}),
    divergencePoint: "",
    state: {
      contents: {
        objects: (opts.objects ?? []).map((o) => ({
          key: key(o.kind, o.name),
          hash: { Value: `${o.name}:${JSON.stringify(o.content)}`, Strategy: "default" },
        })),
        kindSequences: {},
      },
    },
    paths,
  };
}

export function dump(
  states: DumpResultState[],
  metrics = { uniqueNodeVisits: 10, totalNodeVisits: 12 },
): Dump {
  const objects = new Map<
    string,
    { hash: { Value: string; Strategy: string }; object: Record<string, unknown> }
  >();
  for (const s of states)
    for (const o of s.state.contents.objects ?? []) {
      const [name, json] = [o.key.name ?? "", o.hash.Value.slice((o.key.name ?? "").length + 1)];
      objects.set(o.hash.Value, {
        hash: { Value: o.hash.Value, Strategy: "default" },
        object: {
          apiVersion: "v1",
          kind: o.key.resourceKind,
          metadata: { name, namespace: o.key.namespace },
          ...JSON.parse(json),
        },
      });
    }
  return {
    context: { scenario: { name: "demo", attributes: { invocation_id: "inv", phase: "reference" } } },
    campaignMetrics: { ...metrics, uniqueResourceStates: 3, durationNs: 1 },
    objects: [...objects.values()],
    states,
  };
}
