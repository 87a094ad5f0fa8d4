import type { ExternalInput, KubeObject } from "../../../formats/workflow.ts";
import { triggerKinds } from "../../map/roles.ts";
import { type Heuristic, fromBase, noTrace, slugOf } from "../draft.ts";
import { calibrateActionDepths } from "../reference-trace.ts";
import { kindOfObject } from "../seeds.ts";

/**
 * User-action timing: the user-facing object is seeded, then changed (UPDATE, else DELETE) at depths taken from
 * the reference trace — the staggering trick, since CREATE inputs are seeded at depth 0.
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
    const triggered = ctx.map.controllers.filter((c) => triggerKinds(c).has(k.kind)).map((c) => c.id);
    const cal = calibrateActionDepths(trace, triggered, base.maxDepth);
    if (!cal.ok) {
      out.skipped.push({ dimension: "user-action-timing", target: k.kind, reason: cal.reason });
      continue;
    }
    const target = base.objects.find((o) => kindOfObject(o) === k.kind) as KubeObject;
    const update = ctx.seeds.updates.get(k.kind)?.find((u) => u.metadata?.name === target.metadata?.name);
    const action: ExternalInput = update
      ? {
          id: `update ${k.kind} ${target.metadata?.name}`,
          opType: "UPDATE",
          source: "UserAction",
          object: update,
        }
      : {
          id: `delete ${k.kind} ${target.metadata?.name}`,
          opType: "DELETE",
          source: "UserAction",
          object: { apiVersion: target.apiVersion, kind: target.kind, metadata: { ...target.metadata } },
        };
    const verb = action.opType === "UPDATE" ? "update" : "delete";
    out.drafts.push({
      dimension: "user-action-timing",
      slug: `${verb}-${slugOf(k.kind)}-mid-reconcile`,
      scenarios: cal.value.map((depth) => ({
        suffix: `-at-depth-${depth}`,
        scenario: fromBase(base, { userActionReadyDepths: { "0": depth } }, { externalInputs: [action] }),
        annotation: {
          dimension: "user-action-timing" as const,
          pattern:
            action.opType === "UPDATE"
              ? `user spec change lands while ${triggered.join(", ")} are mid-way through acting on the old spec`
              : `deletion race: the user deletes ${k.kind} while ${triggered.join(", ")} are still creating or updating its children`,
          window: `${verb} of ${k.kind} ${target.metadata?.name} fires at depth ${depth}`,
          why: `no existing scenario times a ${verb} of ${k.kind} (${update ? "UPDATE payload from an existing input or example" : "no UPDATE payload known, so DELETE"})`,
          hypothesis: `every depth converges to the same terminal state as ${verb === "update" ? "an update applied after convergence" : "a deletion after convergence (no orphans, no survivors)"}`,
          targets: { controllers: triggered, kinds: [k.kind] },
          calibration: { reference: trace.scenario, steps: cal.steps, note: cal.note },
        },
      })),
    });
  }
  return out;
};
