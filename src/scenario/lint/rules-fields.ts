import {
  EnvironmentState,
  ExternalInput,
  FaultInjection,
  LegacyUserInput,
  MonteCarlo,
  Scenario,
  SearchTuning,
  StalenessInterval,
  Tuning,
} from "../../formats/workflow.ts";
import { closest } from "./similar.ts";
import type { Finding, ScenarioCheck } from "./types.ts";

/**
 * Unknown fields are kept (they may be deliberate extensions), but one that is a near miss of a known field is
 * almost always a typo that kamera ignores. Known field names come from the schemas, never from a second list.
 */
const keysOf = (schema: { shape: object }) => Object.keys(schema.shape);

const SCENARIO = keysOf(Scenario);
const TUNING = keysOf(Tuning);

function check(value: unknown, known: string[], path: (string | number)[], out: Finding[]): void {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return;
  for (const key of Object.keys(value)) {
    if (known.includes(key)) continue;
    const near = closest(key, known);
    if (near === undefined) continue;
    const why =
      near.toLowerCase() === key.toLowerCase()
        ? `kamera matches it to ${near} case-insensitively, ctrlhunt and other tools do not`
        : "it is ignored";
    out.push({
      path: [...path, key],
      message: `unknown field ${JSON.stringify(key)}: did you mean ${JSON.stringify(near)}? (${why})`,
    });
  }
}

/** Arrays of objects: check each element at `path[j]`. */
function checkEach(
  list: unknown[] | null | undefined,
  known: string[],
  path: string[],
  out: Finding[],
): void {
  for (const [j, v] of (list ?? []).entries()) check(v, known, [...path, j], out);
}

export const misspelledField: ScenarioCheck = (s) => {
  const out: Finding[] = [];
  const t = s.tuning;
  check(s, SCENARIO, [], out);
  check(s.environmentState, keysOf(EnvironmentState), ["environmentState"], out);
  checkEach(s.externalInputs, keysOf(ExternalInput), ["externalInputs"], out);
  checkEach(s.userInputs, keysOf(LegacyUserInput), ["userInputs"], out);
  check(t, TUNING, ["tuning"], out);
  checkEach(t?.stalenessIntervals, keysOf(StalenessInterval), ["tuning", "stalenessIntervals"], out);
  checkEach(t?.faultInjection, keysOf(FaultInjection), ["tuning", "faultInjection"], out);
  for (const [j, f] of (t?.faultInjection ?? []).entries())
    check(f.restartManager, ["atDepth"], ["tuning", "faultInjection", j, "restartManager"], out);
  check(t?.search, keysOf(SearchTuning), ["tuning", "search"], out);
  check(t?.search?.monteCarlo, keysOf(MonteCarlo), ["tuning", "search", "monteCarlo"], out);
  check(t?.permuteDepthRange, ["min", "max"], ["tuning", "permuteDepthRange"], out);
  check(t?.permuteAfterEvent, ["opType", "kind"], ["tuning", "permuteAfterEvent"], out);
  return out;
};
