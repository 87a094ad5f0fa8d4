import { defineChecks, type KubeObj } from "ctrlhunt";

const WORK = "platform.kratix.io/Work";
const PLACEMENT = "platform.kratix.io/WorkPlacement";

type Condition = { type?: string; status?: string };
const condition = (o: KubeObj, type: string) =>
  ((o.status as { conditions?: Condition[] } | undefined)?.conditions ?? []).find((c) => c.type === type);

/**
 * kratix-lite-go's invariants (terminal-state JSON only): a Work may not report Ready=True while one of its
 * WorkPlacements failed to write its workloads (the user-visible harm of Kratix K5).
 */
export default defineChecks({
  invariants: [
    {
      name: "work not ready while a placement failed",
      description: "a Work with a WorkPlacement whose WriteSucceeded is False must not be Ready=True",
      check(state) {
        return state.list(WORK).flatMap((work) => {
          const ns = work.metadata.namespace ?? "";
          const failed = state
            .list(PLACEMENT, { namespace: ns, labels: { "kratix.io/work": work.metadata.name } })
            .filter((p) => condition(p, "WriteSucceeded")?.status === "False");
          if (failed.length === 0 || condition(work, "Ready")?.status !== "True") return [];
          return [
            {
              message: `Work ${ns}/${work.metadata.name} is Ready=True while ${failed.map((p) => p.metadata.name).join(", ")} failed`,
              objects: [
                { kind: WORK, namespace: ns, name: work.metadata.name },
                ...failed.map((p) => ({ kind: PLACEMENT, namespace: ns, name: p.metadata.name })),
              ],
            },
          ];
        });
      },
    },
  ],
});
