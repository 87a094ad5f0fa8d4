import { actionsOf, type Scenario } from "../../formats/workflow.ts";
import { kindOfObject } from "./seeds.ts";

/** What existing scenarios already exercise (so author neither duplicates them nor itself on a re-run). */
export interface Coverage {
  baselineKinds: Set<string>;
  permutedPairs: Set<string>;
  staleTargets: Set<string>;
  crashTargets: Set<string>;
  actionKinds: Set<string>;
}

export const pairKey = (a: string, b: string) => [a, b].sort().join(" & ");
export const staleKey = (reconciler: string, kind: string) => `${reconciler} on ${kind}`;

function perturbed(s: Scenario): boolean {
  const t = s.tuning ?? {};
  return (
    (t.permuteControllers?.length ?? 0) > 0 ||
    (t.stalenessIntervals?.length ?? 0) > 0 ||
    Object.keys(t.staleReads ?? {}).length > 0 ||
    (t.faultInjection?.length ?? 0) > 0 ||
    Object.keys(t.userActionReadyDepths ?? {}).length > 0
  );
}

export function coverageOf(scenarios: Scenario[]): Coverage {
  const c: Coverage = {
    baselineKinds: new Set(),
    permutedPairs: new Set(),
    staleTargets: new Set(),
    crashTargets: new Set(),
    actionKinds: new Set(),
  };
  for (const s of scenarios) {
    const t = s.tuning ?? {};
    const actions = actionsOf(s);
    if (!perturbed(s)) {
      for (const o of s.environmentState?.objects ?? []) c.baselineKinds.add(kindOfObject(o));
      for (const a of actions) if (a.opType === "CREATE") c.baselineKinds.add(kindOfObject(a.object));
    }
    const permuted = t.permuteControllers ?? [];
    for (const a of permuted) for (const b of permuted) if (a < b) c.permutedPairs.add(pairKey(a, b));
    for (const i of t.stalenessIntervals ?? []) c.staleTargets.add(staleKey(i.reconciler, i.kind));
    for (const [r, kinds] of Object.entries(t.staleReads ?? {}))
      for (const k of kinds ?? []) c.staleTargets.add(staleKey(r, k));
    for (const f of t.faultInjection ?? []) c.crashTargets.add(f.reconciler);
    if (Object.keys(t.userActionReadyDepths ?? {}).length > 0)
      for (const a of actions) if (a.opType !== "CREATE") c.actionKinds.add(kindOfObject(a.object));
  }
  return c;
}
