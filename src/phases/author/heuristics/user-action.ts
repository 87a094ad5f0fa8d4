import type { ExternalInput, KubeObject } from "../../../formats/workflow.ts";
import { triggerKinds } from "../../map/roles.ts";
import type { BaseEnv } from "../seeds.ts";
import { type Heuristic, fromBase, noTrace, slugOf } from "../draft.ts";
import {
  type Calibrated,
  calibrateActionDepths,
  calibrateExistingActionDepths,
  type ReferenceTrace,
} from "../reference-trace.ts";
import { kindOfObject, type SeedCatalog } from "../seeds.ts";

interface Timed {
  /** index of the action among the scenario's external inputs */
  index: number;
  action: ExternalInput;
  /** appended by author (else the base scenario's own action, now staggered) */
  added: boolean;
  cal: Calibrated<number[]>;
}

/** The base's own action on the kind if it has one (stagger it), else a new UPDATE (or DELETE) after its actions. */
function timedAction(
  kind: string,
  base: BaseEnv,
  seeds: SeedCatalog,
  trace: ReferenceTrace,
  triggered: string[],
): Timed {
  const own = base.actions.findIndex((a) => kindOfObject(a.object) === kind);
  if (own >= 0)
    return {
      index: own,
      action: base.actions[own],
      added: false,
      cal: calibrateExistingActionDepths(trace, own),
    };
  const target = base.objects.find((o) => kindOfObject(o) === kind) as KubeObject;
  const update = seeds.updates.get(kind)?.find((u) => u.metadata?.name === target.metadata?.name);
  const action: ExternalInput = update
    ? {
        id: `update ${kind} ${target.metadata?.name}`,
        opType: "UPDATE",
        source: "UserAction",
        object: update,
      }
    : {
        id: `delete ${kind} ${target.metadata?.name}`,
        opType: "DELETE",
        source: "UserAction",
        object: { apiVersion: target.apiVersion, kind: target.kind, metadata: { ...target.metadata } },
      };
  return {
    index: base.actions.length,
    action,
    added: true,
    cal: calibrateActionDepths(trace, triggered, base.maxDepth),
  };
}

/**
 * User-action timing: a change to a user-facing object lands while controllers are mid-flight. The object is
 * seeded (CREATE inputs are seeded at depth 0 and cannot be staggered) and the UPDATE or DELETE is given ready
 * depths taken from the reference trace.
 */
export const userActionTiming: Heuristic = (ctx) => {
  const out: ReturnType<Heuristic> = { drafts: [], skipped: [] };
  for (const k of ctx.map.kinds.filter((x) => x.role === "user-facing")) {
    const base = ctx.seeds.bases.get(k.kind);
    if (!base) continue; // the baseline heuristic reports missing seeds
    if (ctx.coverage.actionKinds.has(k.kind)) {
      out.skipped.push({
        dimension: "user-action-timing",
        target: k.kind,
        reason: "an existing scenario already times a user action on it",
      });
      continue;
    }
    const trace = ctx.traces.get(k.kind);
    if (!trace) {
      out.skipped.push({ dimension: "user-action-timing", target: k.kind, reason: noTrace(ctx, k.kind) });
      continue;
    }
    const triggered = ctx.map.controllers
      .filter((c) => c.registered && triggerKinds(c).has(k.kind))
      .map((c) => c.id);
    const t = timedAction(k.kind, base, ctx.seeds, trace, triggered);
    if (!t.cal.ok) {
      out.skipped.push({ dimension: "user-action-timing", target: k.kind, reason: t.cal.reason });
      continue;
    }
    const verb = t.action.opType === "UPDATE" ? "update" : "delete";
    const name = t.action.object.metadata?.name ?? "";
    const { steps, note } = t.cal;
    out.drafts.push({
      dimension: "user-action-timing",
      slug: `${verb}-${slugOf(k.kind)}-mid-reconcile`,
      scenarios: t.cal.value.map((depth) => ({
        suffix: `-at-depth-${depth}`,
        scenario: fromBase(
          base,
          { userActionReadyDepths: { [String(t.index)]: depth } },
          t.added ? [t.action] : [],
        ),
        annotation: {
          dimension: "user-action-timing" as const,
          pattern:
            verb === "update"
              ? `user spec change lands while controllers are mid-way through acting on the old state (${triggered.join(", ")} react to ${k.kind})`
              : `deletion race: the user deletes ${k.kind} while ${triggered.join(", ")} are still creating or updating its children`,
          window: `${verb} of ${k.kind} ${name} (action ${t.index}) fires at depth ${depth}`,
          why: t.added
            ? `no existing scenario times a ${verb} of ${k.kind} (${t.action.opType === "UPDATE" ? "UPDATE payload from an existing input or example" : "no UPDATE payload known, so DELETE"})`
            : `the base scenario's ${verb} of ${k.kind} only fires at convergence; no scenario staggers it`,
          hypothesis: `every depth converges to the same terminal state as the ${verb} applied after convergence`,
          targets: { controllers: triggered, kinds: [k.kind] },
          calibration: { reference: trace.scenario, steps, note },
        },
      })),
    });
  }
  return out;
};
