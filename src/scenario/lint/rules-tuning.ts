import type { Finding, ScenarioCheck } from "./types.ts";

/** Checks on tuning knobs whose misuse kamera accepts silently (kamera-formats §1.5–1.7). */

const nonEmpty = (v: object | null | undefined) => v !== null && v !== undefined && Object.keys(v).length > 0;

/** staleReads/staleLookback are deprecated, and ignored entirely once stalenessIntervals is set. */
export const legacyStaleness: ScenarioCheck = (s) => {
  const t = s.tuning;
  const intervals = (t?.stalenessIntervals ?? []).length > 0;
  const out: Finding[] = [];
  for (const key of ["staleReads", "staleLookback"] as const) {
    if (!nonEmpty(t?.[key])) continue;
    out.push({
      path: ["tuning", key],
      message: intervals
        ? `${key} is ignored because stalenessIntervals is set (remove it)`
        : `${key} is deprecated: use tuning.stalenessIntervals (deterministic windows calibrated from a reference trace)`,
    });
  }
  return out;
};

/** min > max never permutes; a range starting beyond maxDepth never either. */
export const permuteDepthRange: ScenarioCheck = (s) => {
  const r = s.tuning?.permuteDepthRange;
  if (!r) return [];
  const path = ["tuning", "permuteDepthRange"];
  if (r.min > r.max)
    return [{ path, message: `min (${r.min}) is greater than max (${r.max}): nothing is ever permuted` }];
  const max = s.tuning?.maxDepth;
  if (typeof max === "number" && max > 0 && r.min > max)
    return [
      {
        path,
        message: `min (${r.min}) is beyond tuning.maxDepth (${max}): nothing is ever permuted`,
        severity: "warning",
      },
    ];
  return [];
};

/** permuteAfterEvent / permuteDepthRange only filter permutation; without permuteControllers they do nothing. */
export const permuteFilterWithoutControllers: ScenarioCheck = (s) => {
  const t = s.tuning;
  if (!t || (t.permuteControllers ?? []).length > 0) return [];
  return (["permuteAfterEvent", "permuteDepthRange"] as const)
    .filter((k) => t[k])
    .map((k) => ({ path: ["tuning", k], message: `${k} has no effect: tuning.permuteControllers is empty` }));
};

/** Depth gates of a staleness interval that can never both hold. */
export const intervalDepthGates: ScenarioCheck = (s) =>
  (s.tuning?.stalenessIntervals ?? []).flatMap((iv, j) =>
    iv.activateAtDepth !== undefined &&
    iv.deactivateAtDepth !== undefined &&
    iv.deactivateAtDepth <= iv.activateAtDepth
      ? [
          {
            path: ["tuning", "stalenessIntervals", j, "deactivateAtDepth"],
            message: `deactivateAtDepth (${iv.deactivateAtDepth}) must be greater than activateAtDepth (${iv.activateAtDepth}): the window never opens`,
          },
        ]
      : [],
  );

/** restartManager is a ctrlhunt extension: kamera ignores it, so on a kamera project the crash never restarts. */
export const restartNeedsEmbeddedEngine: ScenarioCheck = (s, _i, ctx) =>
  ctx.engine !== "kamera"
    ? []
    : (s.tuning?.faultInjection ?? []).flatMap((f, j) =>
        f.restartManager === undefined
          ? []
          : [
              {
                path: ["tuning", "faultInjection", j, "restartManager"],
                message:
                  "restartManager is a ctrlhunt extension of the embedded engine; kamera ignores it, so this crash runs without a manager restart (use recoverAtDepth to re-run the crashed reconcile)",
              },
            ],
      );
