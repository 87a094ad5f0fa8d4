import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  ALL_OPTIMIZATIONS,
  exploreScenario,
  loadEmbeddedProject,
  NO_OPTIMIZATIONS,
} from "../../src/engine/index.ts";
import { readWorkflowFile } from "../../src/scenario/index.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");

describe("a branch that loops through deferred work", () => {
  // crossplane-lite's XR requeues itself (RequeueAfter) while its stale view of revisions never catches up: the
  // branch returns to the same state after each fast-forward until max depth.
  it("ends as a max-depth abort with every optimisation on, as with none (it never vanishes)", async () => {
    const project = await loadEmbeddedProject(path.join(ROOT, "projects/crossplane-lite/project.ts"));
    const [s] = readWorkflowFile(
      path.join(ROOT, "projects/crossplane-lite/scenarios/f5_composition-revision-rollout.json"),
    );
    const scenario = {
      ...s!,
      tuning: {
        ...s!.tuning,
        stalenessIntervals: [
          {
            reconciler: "CompositeReconciler",
            kind: "apiextensions.crossplane.io/CompositionRevision",
            staleAt: 0,
            catchUpAt: 99,
            lag: -1,
          },
        ],
      },
    };
    const outcome = async (optimizations: typeof ALL_OPTIMIZATIONS) => {
      const [out] = await exploreScenario(project, scenario, { mode: "exploration", optimizations });
      return (out?.dump.states ?? []).map((x) => x.error ?? "converged");
    };
    const none = await outcome(NO_OPTIMIZATIONS);
    expect(none).toEqual(["max depth reached"]);
    expect(await outcome(ALL_OPTIMIZATIONS)).toEqual(none);
  }, 60_000);
});
