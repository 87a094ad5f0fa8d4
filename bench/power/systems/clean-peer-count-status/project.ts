/**
 * clean-peer-count-status (clean control). MemberController keeps `status.peers` of every Member of a namespace
 * equal to the number of Members there: on any Member's reconcile it lists the Members and updates the status of
 * each one whose count is wrong, with an optimistic update (the resourceVersion it read). A listing that does not
 * show its own latest write to a peer only leads to a rewrite from a stale copy, which the API server refuses with
 * Conflict, and the retry reads again; every status write re-triggers a reconcile that re-lists. At convergence
 * every Member shows the true count, whatever the order. No bug is planted.
 */
import { defineController, defineProject, isConflict, type KubeObj } from "ctrlhunt";

const MEMBER = "demo.example/Member";

type Member = KubeObj & { status?: { peers?: number } };

export default defineProject({
  name: "clean-peer-count-status",
  controllers: [
    defineController({
      id: "MemberController",
      for: MEMBER,
      reconcile(ctx, req) {
        const members = ctx.list<Member>(MEMBER, { namespace: req.namespace });
        const count = members.length;
        let conflict = false;
        for (const m of members) {
          if (m.status?.peers === count) continue;
          try {
            ctx.updateStatus({ ...m, status: { ...m.status, peers: count } });
          } catch (e) {
            if (!isConflict(e)) throw e;
            conflict = true;
          }
        }
        if (conflict) return { requeue: true };
      },
    }),
  ],
  invariants: [
    {
      name: "every member counts the members of its namespace",
      check(view) {
        const all = view.list(MEMBER) as Member[];
        return all.flatMap((m) => {
          const ns = m.metadata.namespace ?? "";
          const count = all.filter((x) => (x.metadata.namespace ?? "") === ns).length;
          return m.status?.peers === count
            ? []
            : [
                {
                  message: `Member ${ns}/${m.metadata.name} says ${m.status?.peers ?? "nothing"}, there are ${count}`,
                  objects: [{ kind: MEMBER, namespace: ns, name: m.metadata.name }],
                },
              ];
        });
      },
    },
  ],
});
