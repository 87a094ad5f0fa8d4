import type { Invariant } from "ctrlhunt";

/** Shared by the TypeScript target and its Go twin (projects/toggle-race-go/checks.ts): terminal-state JSON only. */
export const desiredOwnerHolds: Invariant = {
  name: "toggle owned by its desired controller",
  description: "at convergence every Toggle with spec.desired is owned by that controller",
  check(state) {
    return state
      .list("race.examples/Toggle")
      .filter((t) => {
        const desired = (t.spec as { desired?: string } | undefined)?.desired;
        const owner = (t.status as { owner?: string } | undefined)?.owner;
        return desired !== undefined && owner !== desired;
      })
      .map((t) => ({
        message: `Toggle ${t.metadata.namespace}/${t.metadata.name} is owned by "${(t.status as { owner?: string } | undefined)?.owner ?? ""}", not by its desired "${(t.spec as { desired?: string }).desired}"`,
        objects: [
          { kind: "race.examples/Toggle", namespace: t.metadata.namespace ?? "", name: t.metadata.name },
        ],
      }));
  },
};
