/**
 * benign-primary-election-repair (clean control, benign nondeterminism). ElectionController keeps exactly one
 * Replica of a namespace `status.role: primary`, the others `standby`. On every Replica's reconcile it lists the
 * Replicas: with no primary it promotes the one it is reconciling (first come); with more than one (a listing that
 * did not yet show another promotion) it demotes every primary but the one with the smallest name; a Replica
 * without a role becomes standby when a primary exists. Every write is optimistic (the resourceVersion it read) and
 * every status write re-triggers that Replica, so a transient duplicate is repaired before convergence. Which
 * Replica ends primary depends on order: every outcome with exactly one primary is valid.
 */
import { defineController, defineProject, isConflict, type KubeObj } from "ctrlhunt";

const REPLICA = "demo.example/Replica";

type Replica = KubeObj & { status?: { role?: string } };

export default defineProject({
  name: "benign-primary-election-repair",
  controllers: [
    defineController({
      id: "ElectionController",
      for: REPLICA,
      reconcile(ctx, req) {
        const me = ctx.get<Replica>(REPLICA, req);
        if (!me) return;
        const all = ctx.list<Replica>(REPLICA, { namespace: req.namespace });
        const primaries = all
          .filter((r) => r.status?.role === "primary")
          .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
        const set = (r: Replica, role: string) => {
          if (r.status?.role === role) return false;
          try {
            ctx.updateStatus({ ...r, status: { ...r.status, role } });
            return false;
          } catch (e) {
            if (isConflict(e)) return true;
            throw e;
          }
        };
        let conflict = false;
        if (primaries.length === 0) conflict = set(me, "primary");
        else if (primaries.length > 1)
          for (const r of primaries.slice(1)) conflict = set(r, "standby") || conflict;
        else if (!me.status?.role) conflict = set(me, "standby");
        if (conflict) return { requeue: true };
      },
    }),
  ],
  invariants: [
    {
      name: "exactly one replica is primary, the others standby",
      check(view) {
        const all = view.list(REPLICA) as Replica[];
        const primaries = all.filter((r) => r.status?.role === "primary");
        const bad = all.filter((r) => r.status?.role !== "primary" && r.status?.role !== "standby");
        return primaries.length === 1 && bad.length === 0
          ? []
          : [
              {
                message: `${primaries.length} primaries (${primaries.map((r) => r.metadata.name).join(", ")}), ${bad.length} without a role`,
                objects: [...primaries, ...bad].map((r) => ({
                  kind: REPLICA,
                  namespace: r.metadata.namespace ?? "",
                  name: r.metadata.name,
                })),
              },
            ];
      },
    },
  ],
});
