import { actionsOf, type Scenario } from "../../formats/workflow.ts";
import { checkCanonicalKind, kindGroups } from "../../formats/workflow-kinds.ts";
import type { Finding, LintContext, ScenarioCheck } from "./types.ts";

/** Every kind string in tuning (kamera-formats §1.5), with its JSON path. */
function tuningKinds(s: Scenario): { kind: string; path: (string | number)[] }[] {
  const t = s.tuning;
  const out: { kind: string; path: (string | number)[] }[] = [];
  if (!t) return out;
  if (t.permuteAfterEvent)
    out.push({ kind: t.permuteAfterEvent.kind, path: ["tuning", "permuteAfterEvent", "kind"] });
  for (const [j, iv] of (t.stalenessIntervals ?? []).entries())
    out.push({ kind: iv.kind, path: ["tuning", "stalenessIntervals", j, "kind"] });
  for (const [r, kinds] of Object.entries(t.staleReads ?? {}))
    for (const [j, k] of (kinds ?? []).entries()) out.push({ kind: k, path: ["tuning", "staleReads", r, j] });
  for (const k of Object.keys(t.staleLookback ?? {}))
    out.push({ kind: k, path: ["tuning", "staleLookback", k] });
  return out;
}

/** Kind → group from the scenario's own objects, then the project's canonical kinds. */
function knownGroups(s: Scenario, ctx: LintContext): Map<string, string> {
  const groups = new Map<string, string>();
  for (const c of ctx.controllers?.controllers ?? [])
    for (const k of c.kinds ?? []) {
      const slash = k.lastIndexOf("/");
      if (slash > 0) groups.set(k.slice(slash + 1), k.slice(0, slash));
    }
  const objects = [...(s.environmentState?.objects ?? []), ...actionsOf(s).map((a) => a.object)];
  for (const [kind, group] of kindGroups(objects)) groups.set(kind, group);
  return groups;
}

/** Tuning kinds must be canonical `group/Kind` with no version, or the perturbation silently never applies. */
export const kindNotCanonical: ScenarioCheck = (s, _i, ctx) => {
  const groups = knownGroups(s, ctx);
  const out: Finding[] = [];
  for (const { kind, path } of tuningKinds(s)) {
    const res = checkCanonicalKind(kind, groups);
    if (res.ok) continue;
    const fix = res.suggestion
      ? `; use ${JSON.stringify(res.suggestion)}`
      : `; write it as "<group>/${kind.split("/").pop()}"`;
    out.push({ path, message: `${JSON.stringify(kind)} is not a canonical kind: it ${res.problem}${fix}` });
  }
  return out;
};
