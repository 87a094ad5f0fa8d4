import { actionsOf, type Scenario } from "../../formats/workflow.ts";
import type { Finding, ScenarioCheck } from "./types.ts";

/** Checks on external inputs and their timing (kamera-formats §1.4, engine §4.6, workflow Phase C). */

function actionsKey(s: Scenario): "externalInputs" | "userInputs" {
  return (s.externalInputs?.length ?? 0) > 0 || !s.userInputs?.length ? "externalInputs" : "userInputs";
}

/** userActionReadyDepths keys are decimal action indexes below the number of actions. */
export const readyDepthIndex: ScenarioCheck = (s) => {
  const count = actionsOf(s).length;
  const out: Finding[] = [];
  for (const key of Object.keys(s.tuning?.userActionReadyDepths ?? {})) {
    const path = ["tuning", "userActionReadyDepths", key];
    if (!/^\d+$/.test(key)) {
      out.push({
        path,
        message: `key ${JSON.stringify(key)} is not a decimal action index (kamera reads it as 0)`,
      });
    } else if (String(Number(key)) !== key) {
      out.push({ path, message: `key ${JSON.stringify(key)} has leading zeros; write "${Number(key)}"` });
    } else if (Number(key) >= count) {
      out.push({
        path,
        message: `action index ${key} does not exist: the scenario has ${count} external input${count === 1 ? "" : "s"} (indexes 0–${Math.max(0, count - 1)})`,
      });
    }
  }
  return out;
};

/** An action ready beyond maxDepth never fires before the branch is aborted. */
export const readyDepthBeyondMaxDepth: ScenarioCheck = (s) => {
  const max = s.tuning?.maxDepth;
  if (typeof max !== "number" || max <= 0) return [];
  return Object.entries(s.tuning?.userActionReadyDepths ?? {})
    .filter(([, d]) => d > max)
    .map(([key, d]) => ({
      path: ["tuning", "userActionReadyDepths", key],
      message: `action becomes ready at depth ${d}, beyond tuning.maxDepth (${max}): branches abort first`,
    }));
};

/** Real users send spec-only updates; status on a user UPDATE models something no user can do. */
export const updateCarriesStatus: ScenarioCheck = (s) =>
  actionsOf(s).flatMap((a, j) =>
    a.opType === "UPDATE" && a.object.status !== undefined && a.source !== "EnvironmentEvent"
      ? [
          {
            path: [actionsKey(s), j, "object", "status"],
            message:
              'UPDATE actions must not carry status (real users send spec-only updates); move it to a CREATE or environmentState, or set source "EnvironmentEvent" if infrastructure writes it',
          },
        ]
      : [],
  );

/** UPDATE and DELETE find their target by metadata.name. */
export const actionTargetMissing: ScenarioCheck = (s) =>
  actionsOf(s).flatMap((a, j) =>
    a.opType !== "CREATE" && !a.object.metadata?.name?.trim()
      ? [
          {
            path: [actionsKey(s), j, "object", "metadata", "name"],
            message: `${a.opType} needs metadata.name to find its target`,
          },
        ]
      : [],
  );

/** With permutation on, an input without a ready depth only fires once the branch converged. */
export const actionWaitsForConvergence: ScenarioCheck = (s) => {
  if ((s.tuning?.permuteControllers ?? []).length === 0) return [];
  const ready = s.tuning?.userActionReadyDepths ?? {};
  const seeded = (s.environmentState?.objects ?? []).length > 0;
  return actionsOf(s).flatMap((_, j) =>
    ready[String(j)] === undefined && (j > 0 || seeded)
      ? [
          {
            path: [actionsKey(s), j],
            message: `has no tuning.userActionReadyDepths["${j}"]: it fires only after the branch converges, so it never interleaves with the permuted reconciles (calibrate a depth from a reference trace)`,
          },
        ]
      : [],
  );
};

/** Action ids label dump steps (userAction.id); duplicates make paths ambiguous. */
export const duplicateActionId: ScenarioCheck = (s) => {
  const seen = new Map<string, number>();
  const out: Finding[] = [];
  actionsOf(s).forEach((a, j) => {
    if (!a.id?.trim()) return;
    const prev = seen.get(a.id);
    if (prev === undefined) seen.set(a.id, j);
    else
      out.push({
        path: [actionsKey(s), j, "id"],
        message: `duplicate action id ${JSON.stringify(a.id)} (also [${prev}])`,
      });
  });
  return out;
};
