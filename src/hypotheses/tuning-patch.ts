import { stableStringify } from "../formats/json-text.ts";
import type { Tuning } from "../formats/workflow.ts";
import type { TuningPatch } from "./types.ts";

/**
 * Merging a perturbation's patch into the base tuning: lists grow (the base's entries stay), maps merge, scalars
 * are replaced. The rule is per tuning key, so adding a perturbation never needs a new merge branch.
 */
type Merge = (base: unknown, patch: unknown) => unknown;

const union: Merge = (b, p) => {
  const out = [...((b as unknown[] | null | undefined) ?? [])];
  const seen = new Set(out.map((x) => stableStringify(x)));
  for (const x of (p as unknown[]) ?? []) {
    const k = stableStringify(x);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(x);
  }
  return out;
};
const mergeObject: Merge = (b, p) => ({ ...((b as object | null | undefined) ?? {}), ...(p as object) });
const replace: Merge = (_b, p) => p;

const RULES: Partial<Record<keyof Tuning, Merge>> = {
  permuteControllers: union,
  stalenessIntervals: union,
  faultInjection: union,
  userActionReadyDepths: mergeObject,
  search: mergeObject,
};

export function mergeTuning(base: Tuning | null | undefined, patch: TuningPatch): Tuning {
  const out: Record<string, unknown> = { ...(base ?? {}) };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    const rule = RULES[key as keyof Tuning] ?? replace;
    out[key] = rule(out[key], value);
  }
  return out as Tuning;
}
