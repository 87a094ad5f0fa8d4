import type { Dump, DumpResultState, DumpStep } from "../../src/formats/dump.ts";
import type { Scenario } from "../../src/formats/workflow.ts";
import {
  type ExploreOptions,
  type ExploreOutput,
  exploreScenario,
  type KubeObj,
  type ProjectDefinition,
} from "../../src/engine/index.ts";

/** Small builders and readers shared by the engine tests. */

export function cm(name: string, data: Record<string, string> = {}, extra: Partial<KubeObj> = {}): KubeObj {
  return { apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace: "default" }, data, ...extra };
}

export function obj(
  kind: string,
  name: string,
  spec: unknown = {},
  meta: Partial<KubeObj["metadata"]> = {},
): KubeObj {
  return { apiVersion: "example.com/v1", kind, metadata: { name, namespace: "default", ...meta }, spec };
}

export function scenario(
  name: string,
  objects: KubeObj[],
  more: {
    actions?: Array<{ id?: string; opType: "CREATE" | "UPDATE" | "DELETE"; object: KubeObj }>;
    tuning?: Scenario["tuning"];
  } = {},
): Scenario {
  return {
    name,
    environmentState: { objects },
    externalInputs: more.actions,
    tuning: more.tuning,
  } as Scenario;
}

export async function explore(
  project: ProjectDefinition,
  s: Scenario,
  opts: Partial<ExploreOptions> = {},
): Promise<ExploreOutput[]> {
  return exploreScenario(project, s, { mode: "exploration", reproducible: true, ...opts });
}

/** The single dump of an exploration-mode DFS run. */
export async function exploreOne(
  project: ProjectDefinition,
  s: Scenario,
  opts: Partial<ExploreOptions> = {},
): Promise<Dump> {
  const out = await explore(project, s, opts);
  if (out.length !== 1) throw new Error(`expected one dump, got ${out.length}`);
  return out[0].dump;
}

export const converged = (d: Dump): DumpResultState[] => (d.states ?? []).filter((s) => !s.error);
export const aborted = (d: Dump): DumpResultState[] => (d.states ?? []).filter((s) => s.error);

/** Resolve a terminal state's objects to their content. */
export function objectsOf(d: Dump, s: DumpResultState): KubeObj[] {
  const byHash = new Map((d.objects ?? []).map((o) => [o.hash.Value, o.object as KubeObj]));
  return (s.state.contents.objects ?? []).map((v) => {
    const o = byHash.get(v.hash.Value);
    if (!o) throw new Error(`unresolved hash ${v.hash.Value}`);
    return o;
  });
}

export function findObject(d: Dump, s: DumpResultState, kind: string, name: string): KubeObj | undefined {
  return objectsOf(d, s).find((o) => o.kind === kind && o.metadata.name === name);
}

export function resolve(d: Dump, hash: string | undefined): KubeObj | undefined {
  return (d.objects ?? []).find((o) => o.hash.Value === hash)?.object as KubeObj | undefined;
}

export function firstPath(s: DumpResultState): DumpStep[] {
  return s.paths?.find((p) => p !== null) ?? [];
}

export function allSteps(d: Dump): DumpStep[] {
  return (d.states ?? []).flatMap((s) => (s.paths ?? []).flatMap((p) => p ?? []));
}

/** The distinct terminal contents (objects only) of a dump, sorted. */
export function terminalHashes(d: Dump, which: "converged" | "all" = "converged"): string[] {
  const states = which === "converged" ? converged(d) : (d.states ?? []);
  const keys = states.map((s) =>
    (s.state.contents.objects ?? [])
      .map((o) => `${o.key.resourceKind}/${o.key.name}=${o.hash.Value}`)
      .join(","),
  );
  return [...new Set(keys)].sort();
}
