import fs from "node:fs";
import type { KubeObj } from "../../src/engine/embedded/api.ts";
import {
  type ExploreOutput,
  exploreScenario,
  loadEmbeddedProject,
  type Optimizations,
} from "../../src/engine/index.ts";
import type { Dump } from "../../src/formats/dump.ts";
import { type Scenario, type Tuning, WorkflowFile } from "../../src/formats/workflow.ts";
import { projectFile, scenarioPath } from "./catalog.ts";

/** Run a bundled scenario through the embedded engine, with a tuning patch applied in memory (never on disk). */
export async function explore(
  project: string,
  file: string,
  opts: {
    mode?: "reference" | "exploration";
    tuning?: Tuning;
    optimizations?: Optimizations;
    timeoutMs?: number;
  } = {},
): Promise<ExploreOutput[]> {
  const def = await loadEmbeddedProject(projectFile(project));
  return exploreScenario(def, withTuning(loadScenario(project, file), opts.tuning), {
    mode: opts.mode ?? "exploration",
    reproducible: true,
    optimizations: opts.optimizations,
    timeoutMs: opts.timeoutMs,
  });
}

export function loadScenario(project: string, file: string): Scenario {
  const [scenario] = WorkflowFile.parse(JSON.parse(fs.readFileSync(scenarioPath(project, file), "utf8")));
  return scenario as Scenario;
}

export function withTuning(s: Scenario, patch: Tuning = {}): Scenario {
  return { ...s, tuning: { ...s.tuning, ...patch } };
}

/** A terminal state with its objects resolved by canonical key `group/Kind/namespace/name`. */
export interface Terminal {
  id: string;
  error?: string;
  hash: string;
  objects: Map<string, KubeObj>;
}

function canonicalKind(obj: KubeObj): string {
  const group = obj.apiVersion.includes("/") ? obj.apiVersion.split("/")[0] : "core";
  return `${group}/${obj.kind}`;
}

export function terminals(dump: Dump): Terminal[] {
  const byHash = new Map((dump.objects ?? []).map((o) => [o.hash.Value, o.object as KubeObj]));
  return (dump.states ?? []).map((s) => {
    const objects = new Map<string, KubeObj>();
    for (const { hash } of s.state.contents.objects ?? []) {
      const obj = byHash.get(hash.Value);
      if (obj) objects.set(`${canonicalKind(obj)}/${obj.metadata.namespace ?? ""}/${obj.metadata.name}`, obj);
    }
    const path0 = s.paths?.[0] ?? [];
    return {
      id: s.id,
      error: s.error ?? undefined,
      hash: path0[path0.length - 1]?.contentsHashAfter ?? "",
      objects,
    };
  });
}

/** Terminal states of every dump (e.g. all Monte Carlo trials). */
export const allTerminals = (outs: ExploreOutput[]): Terminal[] => outs.flatMap((o) => terminals(o.dump));

export function get(t: Terminal, kind: string, ns: string, name: string): KubeObj | undefined {
  return t.objects.get(`${kind}/${ns}/${name}`);
}

export function condition(obj: KubeObj | undefined, type: string): Record<string, unknown> | undefined {
  const conds =
    (obj?.status as { conditions?: Array<Record<string, unknown>> } | undefined)?.conditions ?? [];
  return conds.find((c) => c.type === type);
}

/** Distinct terminal contents hashes, with how many terminal states (or trials) reached each. */
export function histogram(ts: Terminal[]): Map<string, number> {
  const h = new Map<string, number>();
  for (const t of ts) h.set(t.hash, (h.get(t.hash) ?? 0) + 1);
  return h;
}

export const visits = (o: ExploreOutput): number => o.dump.campaignMetrics?.totalNodeVisits ?? 0;
