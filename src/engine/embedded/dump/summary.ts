import type { Dump, DumpObjectVersion } from "../../../formats/dump.ts";
import { keyString } from "../../../formats/dump.ts";
import { shortenHash } from "../state/index.ts";

/** One line of the end-of-run screen: what a dump holds, in numbers. */
export interface DumpSummary {
  file: string;
  phase: string;
  trialIndex?: number;
  uniqueNodeVisits: number;
  totalNodeVisits: number;
  uniqueResourceStates: number;
  converged: number;
  aborted: number;
  maxDepthAborted: number;
  /** ContentsHash of each converged terminal state, in state order. */
  convergedHashes: string[];
  timedOut: boolean;
}

function sortKey(v: DumpObjectVersion): string[] {
  const k = v.key;
  return [k.resourceGroup ?? "", k.resourceKind ?? "", k.namespace ?? "", k.name ?? "", k.objectId ?? ""];
}

/** ContentsHash of a dumped object list (same serialisation as contentsHashAfter). */
export function contentsHashOfVersions(objects: readonly DumpObjectVersion[]): string {
  const sorted = [...objects].sort((a, b) => {
    const x = sortKey(a);
    const y = sortKey(b);
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
    return 0;
  });
  return shortenHash(
    sorted.map((v) => `${keyString(v.key)}:${v.key.objectId ?? ""}=${v.hash.Value};`).join(""),
  );
}

export function summarizeDump(
  file: string,
  phase: string,
  dump: Dump,
  trialIndex?: number,
  timedOut = false,
): DumpSummary {
  const states = dump.states ?? [];
  const converged = states.filter((s) => !s.error);
  return {
    file,
    phase,
    trialIndex,
    uniqueNodeVisits: dump.campaignMetrics?.uniqueNodeVisits ?? 0,
    totalNodeVisits: dump.campaignMetrics?.totalNodeVisits ?? 0,
    uniqueResourceStates: dump.campaignMetrics?.uniqueResourceStates ?? 0,
    converged: converged.length,
    aborted: states.length - converged.length,
    maxDepthAborted: states.filter((s) => /max depth/i.test(s.error ?? "")).length,
    convergedHashes: converged.map((s) => contentsHashOfVersions(s.state.contents.objects ?? [])),
    timedOut,
  };
}
