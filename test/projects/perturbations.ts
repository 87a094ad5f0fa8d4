import type { Dump, DumpStep } from "../../src/formats/dump.ts";
import type { Tuning } from "../../src/formats/workflow.ts";
import { explore } from "./harness.ts";

/**
 * Hand-written perturbations that expose each planted bug (kept in code, never committed as scenario files:
 * the pipeline has to find them), and the "exhaustive" ordering search they are measured against.
 */
export interface Perturbation {
  label: string;
  /** Tuning patch; may depend on the reference dump (calibration). */
  tuning(ref: Dump): Tuning;
}

export interface TargetPlan {
  project: string;
  fixed?: string;
  scenario: string;
  controllers: string[];
  perturbations: Perturbation[];
}

const REVISION = "apiextensions.crossplane.io/CompositionRevision";
const path0 = (d: Dump): DumpStep[] => d.states?.[0]?.paths?.[0] ?? [];

/** KindSequence of CompositionRevision right after `controller` wrote revision `name` (reference path). */
export function revisionWrittenAt(ref: Dump, controller: string, name: string): number {
  const step = path0(ref).find(
    (s) => s.controllerId === controller && (s.changes?.effects ?? []).some((e) => e.Key.name === name),
  );
  return step?.kindSeqAfter?.[REVISION] ?? 0;
}

/** The window that hides revision 2's ValidPipeline write from the XR: opens at its creation, never closes. */
export function hideRevision2Validation(ref: Dump) {
  return {
    reconciler: "CompositeReconciler",
    kind: REVISION,
    staleAt: revisionWrittenAt(ref, "CompositionReconciler", "xwidgets-2"),
    catchUpAt: revisionWrittenAt(ref, "RevisionReconciler", "xwidgets-2") + 1,
    lag: -1,
  };
}

/** Depth of user action `i` on the reference path (its step index). */
export function actionDepth(ref: Dump, i: number): number {
  return path0(ref).findIndex((s) => s.stepMetadata?.["userAction.index"] === String(i));
}

export const PLANS: TargetPlan[] = [
  {
    project: "kro-lite",
    fixed: "kro-lite-fixed",
    scenario: "k2b_instance-applyset-children.json",
    controllers: ["ApplicationController", "ResourceGraphDefinitionController", "DeploymentController"],
    perturbations: [
      {
        label: "fault: ApplicationController crashAfterEffect 2, triggerOnce",
        tuning: () => ({
          faultInjection: [{ reconciler: "ApplicationController", crashAfterEffect: 2, triggerOnce: true }],
        }),
      },
    ],
  },
  {
    project: "karpenter-lite",
    fixed: "karpenter-lite-fixed",
    scenario: "d1_nodes-limit-batching.json",
    controllers: ["provisioner", "nodepool.counter", "nodeclaim.lifecycle", "pod.binder"],
    perturbations: [
      {
        label: "ordering: provisioner vs nodepool.counter after NodeClaim CREATE",
        tuning: () => ({
          permuteControllers: ["provisioner", "nodepool.counter"],
          permuteAfterEvent: { opType: "CREATE", kind: "karpenter.sh/NodeClaim" },
        }),
      },
    ],
  },
  {
    project: "crossplane-lite",
    scenario: "f5_composition-revision-rollout.json",
    controllers: [
      "CompositeReconciler",
      "CompositionReconciler",
      "RevisionReconciler",
      "NopResourceReconciler",
    ],
    perturbations: [
      {
        label: "staleness: CompositeReconciler on CompositionRevision, frozen",
        tuning: (ref) => ({ stalenessIntervals: [hideRevision2Validation(ref)] }),
      },
      {
        label: "user-action timing: poke the XR right after the Composition UPDATE",
        tuning: (ref) => ({ userActionReadyDepths: { "1": actionDepth(ref, 0) + 1 } }),
      },
    ],
  },
  {
    project: "kratix-lite",
    fixed: "kratix-lite-fixed",
    scenario: "k5_work-placement-status-race.json",
    controllers: ["WorkController", "WorkPlacementController"],
    perturbations: [
      {
        label: "monte carlo: 10 trials, seed 7",
        tuning: () => ({ search: { mode: "monte_carlo", monteCarlo: { seed: 7, trials: 10 } } }),
      },
    ],
  },
];

/** The reference dump a plan calibrates from. */
export async function referenceDump(plan: TargetPlan): Promise<Dump> {
  return (await explore(plan.project, plan.scenario, { mode: "reference" }))[0].dump;
}
